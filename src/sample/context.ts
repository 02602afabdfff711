import type { Clock } from './clock.ts';
import type { AccountProfile } from './profiles.ts';
import type { Rng } from './random.ts';

/** Errors kept as data, placed on purpose so every consumer meets them. */
export interface AccountFaults {
  /** Region whose `config.recorders` fails with AccessDenied (an SCP denies it there). */
  configDeniedRegion?: string;
  /** One bucket's GetBucketAcl fails with AccessDenied (the bucket policy denies it). */
  bucketAclDenied?: boolean;
}

/** What every dataset builder knows about the account it fills. */
export interface AccountContext {
  id: string;
  name: string;
  partition: string;
  profile: AccountProfile;
  rng: Rng;
  clock: Clock;
  /** Scanned regions. */
  regions: string[];
  homeRegion: string;
  /** Regions that run workloads (instances, databases, custom VPCs); the others hold defaults only. */
  workloadRegions: string[];
  faults: AccountFaults;
}

export function arn(ctx: AccountContext, service: string, region: string, resource: string): string {
  return `arn:${ctx.partition}:${service}:${region}:${ctx.id}:${resource}`;
}

export function iamArn(ctx: AccountContext, resource: string): string {
  return `arn:${ctx.partition}:iam::${ctx.id}:${resource}`;
}

