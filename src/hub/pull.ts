import { EC2Client } from '@aws-sdk/client-ec2';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { ScanAbort, toCollectError } from '../aws/errors.ts';
import { listOrganizationAccounts } from '../aws/organization.ts';
import { discoverRegions, type AccountRegions, type RegionFilter } from '../aws/regions.ts';
import { severityRank, type Severity } from '../findings/model.ts';
import type { ScanIssue } from '../findings/scan.ts';
import type { AccountRef } from '../store/types.ts';
import { openAwsSession, type AwsAccessOptions, type AwsSession } from './aws-session.ts';
import { mergeGenerators } from './merge.ts';

export type PullOrigin = 'securityhub' | 'guardduty';

export interface PullOptions extends AwsAccessOptions {
  /** The organization (through the delegated administrator when there is one), listed accounts, or the caller's. */
  target: { kind: 'org' } | { kind: 'accounts'; ids: string[] } | { kind: 'caller' };
  regions: RegionFilter;
  /** Only findings updated at or after this time; archived ones are then included, so archivals are seen. */
  since?: Date;
  /** Only findings at least this severe. */
  minSeverity?: Severity;
  /** Accounts pulled at the same time when there is no administrator; default 8. */
  accountConcurrency?: number;
  /** Read each account's Organizations tags (owners named by tags). */
  accountTags?: boolean;
}

/** One page of findings as the service returned it. */
export interface PullBatch<O extends PullOrigin = PullOrigin> {
  origin: O;
  /**
   * The account and region the page was pulled from. Each document names its own: an
   * administrator's page holds its members' findings, an aggregation region's its linked regions'.
   */
  accountId: string;
  region: string;
  /** The producer's documents as AWS sent them (ASFF, or GuardDuty `Finding` JSON). */
  documents: unknown[];
}

/** An account whose findings in `regions` this pull returned in full. */
export interface Coverage {
  accountId: string;
  regions: string[];
  /** Every enabled region of the account is covered, so findings about global resources are too. */
  global: boolean;
}

export interface PullResult {
  /** Empty when `since` or `minSeverity` (above informational) narrowed the pull: then nothing was returned in full. */
  complete: Coverage[];
  issues: ScanIssue[];
  accounts: AccountRef[];
  /** ARN of the calling identity: who ran the pull. */
  caller: string;
}

/** An account findings are pulled from. */
export interface PullSource {
  accountId: string;
  /** Accounts whose findings this source returns in full: itself, or every member for an administrator. */
  covers: string[];
  /** Ask only for this account's findings, so an administrator pulled as a plain account brings no members. */
  onlyAccount?: string;
}

export interface SourceContext {
  session: AwsSession;
  source: PullSource;
  /** `enabled` is every enabled region of the source account, `selected` those the filter keeps. */
  regions: { enabled: readonly string[]; selected: readonly string[] };
  options: PullOptions;
  issues: ScanIssue[];
}

/** What one service contributes to the common pull. */
export interface PullService<O extends PullOrigin> {
  origin: O;
  /** The organization's delegated administrator, asked of the caller (the management account). */
  findAdmin(session: AwsSession, options: PullOptions): Promise<string | undefined>;
  /** Pulls one source, a batch per page; returns the regions whose findings it returned in full. */
  pullSource(ctx: SourceContext): AsyncGenerator<PullBatch<O>, string[]>;
}

/**
 * Pulls one service's findings: from the delegated administrator when the target is the
 * organization and there is one, else account by account through the scan role. Denied accounts,
 * regions without the service and exhausted throttling become issues; the rest is pulled.
 */
export async function* runPull<O extends PullOrigin>(o: PullOptions, service: PullService<O>): AsyncGenerator<PullBatch<O>, PullResult> {
  const session = await openAwsSession(o);
  try {
    const issues: ScanIssue[] = [];
    const callerRegions = await checkedCallerRegions(session, o, issues);
    const targets = await targetAccounts(session, o, issues);
    const sources = await sourcesFor(session, o, service, targets, issues);
    const fallback = o.regions.include?.length ? o.regions.include : (callerRegions?.scanned ?? [o.homeRegion]);
    const complete: Coverage[] = [];

    async function* pullFrom(source: PullSource): AsyncGenerator<PullBatch<O>, void> {
      const accountId = source.accountId;
      try {
        await session.broker.verify(accountId);
      } catch (err) {
        const e = toCollectError(err);
        issues.push({ accountId, code: e.code, message: `cannot assume ${o.role.roleName}: ${e.message}` });
        return;
      }
      let regions: AccountRegions | undefined = accountId === session.caller.accountId ? callerRegions : undefined;
      try {
        regions ??= await discoverRegions(session.factory.client(EC2Client, accountId, o.homeRegion), o.regions);
      } catch (err) {
        const e = toCollectError(err);
        issues.push({ accountId, code: e.code, message: `could not list regions (${e.message}); pulling ${fallback.join(', ')}` });
      }
      const enabled = regions?.enabled ?? fallback;
      const selected = regions?.scanned ?? fallback;
      const covered = yield* service.pullSource({ session, source, regions: { enabled, selected }, options: o, issues });
      session.factory.releaseAccount(accountId);
      if (o.since || severityFloor(o) || covered.length === 0) return;
      // Without the account's own region list, "every enabled region" cannot be claimed. An
      // administrator's regions stand for its members': it sees their findings only where it runs
      // the service itself.
      const global = regions !== undefined && enabled.every((r) => covered.includes(r));
      for (const a of source.covers) complete.push({ accountId: a, regions: [...covered].sort(), global });
    }

    yield* mergeGenerators(
      sources.map((s) => () => pullFrom(s)),
      o.accountConcurrency ?? 8,
    );
    // Work finishes in any order; the result does not depend on it.
    complete.sort((a, b) => a.accountId.localeCompare(b.accountId));
    issues.sort((a, b) => (a.accountId ?? '').localeCompare(b.accountId ?? '') || (a.region ?? '').localeCompare(b.region ?? ''));
    return { complete, issues, accounts: targets, caller: session.caller.arn };
  } finally {
    session.close();
  }
}

/** The severity to filter on; `informational` keeps every finding, so it filters nothing. */
export function severityFloor(o: PullOptions): Severity | undefined {
  return o.minSeverity && severityRank(o.minSeverity) > 0 ? o.minSeverity : undefined;
}

/** The caller's regions, which also validates the region names asked for. */
async function checkedCallerRegions(session: AwsSession, o: PullOptions, issues: ScanIssue[]): Promise<AccountRegions | undefined> {
  let regions: AccountRegions;
  try {
    regions = await discoverRegions(session.factory.client(EC2Client, session.caller.accountId, o.homeRegion), o.regions);
  } catch (err) {
    const e = toCollectError(err);
    issues.push({ accountId: session.caller.accountId, code: e.code, message: `could not list the caller's regions, so region names were not checked: ${e.message}` });
    return undefined;
  }
  const known = new Set(regions.known);
  const unknown = [...(o.regions.include ?? []), ...(o.regions.exclude ?? [])].filter((r) => !known.has(r));
  if (unknown.length) throw new ScanAbort(`unknown region(s): ${unknown.join(', ')}`);
  return regions;
}

async function targetAccounts(session: AwsSession, o: PullOptions, issues: ScanIssue[]): Promise<AccountRef[]> {
  if (o.target.kind === 'accounts') return o.target.ids.map((id) => ({ id }));
  if (o.target.kind === 'caller') return [{ id: session.caller.accountId }];
  try {
    const org = await listOrganizationAccounts(session.factory.client(OrganizationsClient, session.caller.accountId, o.homeRegion), { tags: o.accountTags ?? false });
    issues.push(...org.issues.map((i) => ({ accountId: session.caller.accountId, ...i })));
    return org.accounts;
  } catch (err) {
    const e = toCollectError(err);
    throw new ScanAbort(`cannot list the organization's accounts (${e.code}: ${e.message})`);
  }
}

/** The administrator alone when it can be used; otherwise every target on its own. */
async function sourcesFor<O extends PullOrigin>(
  session: AwsSession,
  o: PullOptions,
  service: PullService<O>,
  targets: AccountRef[],
  issues: ScanIssue[],
): Promise<PullSource[]> {
  const perAccount = targets.map((t) => ({ accountId: t.id, covers: [t.id], onlyAccount: t.id }));
  if (o.target.kind !== 'org') return perAccount;
  const caller = session.caller.accountId;
  let admin: string | undefined;
  try {
    admin = await service.findAdmin(session, o);
  } catch (err) {
    const e = toCollectError(err);
    issues.push({ accountId: caller, region: o.homeRegion, code: e.code, message: `could not ask for the ${service.origin} delegated administrator (${e.message}); pulling account by account` });
    return perAccount;
  }
  if (!admin) return perAccount;
  try {
    await session.broker.verify(admin);
  } catch (err) {
    const e = toCollectError(err);
    issues.push({ accountId: admin, code: e.code, message: `cannot assume ${o.role.roleName} in the ${service.origin} delegated administrator (${e.message}); pulling account by account` });
    return perAccount;
  }
  return [{ accountId: admin, covers: targets.map((t) => t.id) }];
}
