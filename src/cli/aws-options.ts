import type { Command } from 'commander';
import { partitionOf } from '../aws/partition.ts';
import type { RoleOptions } from '../aws/credentials.ts';
import type { RegionFilter } from '../aws/regions.ts';
import { UsageError } from './errors.ts';
import { accountList, positiveInt, regionList } from './parse.ts';

/** Flags every command that reaches AWS accounts takes (scan, import, export). */
export interface AwsFlags {
  org?: boolean;
  accounts?: string[];
  regions?: string[];
  excludeRegions?: string[];
  roleName: string;
  externalId?: string;
  sessionSeconds: number;
  endpointUrl?: string;
  concurrency: number;
  accountConcurrency: number;
}

/** Which accounts and regions: for commands that choose them (not export, where each finding says). */
export function addAwsTargetOptions(cmd: Command, what: string): Command {
  return cmd
    .option('--org', `${what} every active account of the AWS Organization (from the management or a delegated account)`)
    .option('--accounts <ids>', 'comma-separated 12-digit account ids', accountList)
    .option('--regions <names>', "regions (comma-separated, or 'all'); default: every enabled region", regionList)
    .option('--exclude-regions <names>', 'regions to leave out', regionList);
}

/** How to reach the accounts: role, endpoint and concurrency. */
export function addAwsAccessOptions(cmd: Command): Command {
  return cmd
    .option('--role-name <name>', 'role to assume in member accounts', 'OrganizationAccountAccessRole')
    .option('--external-id <id>', 'external id required by the role trust policy')
    .option('--session-seconds <n>', 'AssumeRole session length; credentials are reused this long', positiveInt, 3600)
    .option('--endpoint-url <url>', 'send every AWS API call to this endpoint (emulators, VPC endpoints; env AWS_ENDPOINT_URL)', process.env.AWS_ENDPOINT_URL)
    .option('--concurrency <n>', 'API calls in flight across the run', positiveInt, 64)
    .option('--account-concurrency <n>', 'accounts worked on at the same time', positiveInt, 8);
}

export interface AwsTarget {
  target: { kind: 'org' } | { kind: 'accounts'; ids: string[] } | { kind: 'caller' };
  regions: RegionFilter;
  role: RoleOptions;
  endpointUrl?: string;
  homeRegion: string;
  partition: string;
}

/** Checks the flags together and resolves partition and home region from the configured region. */
export function awsTarget(flags: AwsFlags): AwsTarget {
  if (flags.org && flags.accounts) throw new UsageError('--org and --accounts cannot be combined');
  if (flags.endpointUrl) {
    try {
      new URL(flags.endpointUrl);
    } catch {
      throw new UsageError(`--endpoint-url '${flags.endpointUrl}' is not a URL`);
    }
  }
  // The configured region only picks the partition; global APIs are called in its home region.
  const { partition, globalRegion } = partitionOf(process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1');
  return {
    target: flags.org ? { kind: 'org' } : flags.accounts ? { kind: 'accounts', ids: flags.accounts } : { kind: 'caller' },
    regions: {
      ...(flags.regions?.length ? { include: flags.regions } : {}),
      ...(flags.excludeRegions?.length ? { exclude: flags.excludeRegions } : {}),
    },
    role: { roleName: flags.roleName, sessionSeconds: flags.sessionSeconds, ...(flags.externalId ? { externalId: flags.externalId } : {}) },
    ...(flags.endpointUrl ? { endpointUrl: flags.endpointUrl } : {}),
    homeRegion: globalRegion,
    partition,
  };
}
