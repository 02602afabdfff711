// The account's CloudTrail trails as checks see them: deduplicated by ARN, with the regions whose
// listing failed, and the rules shared by the trail checks (what counts as logging management events
// or S3 data events, and how any-region and per-trail results are assembled).
import { bucketArn, S3_BUCKET_TYPE } from './s3-buckets.ts';
import type { Collected, CollectError, S3Bucket, TrailDetails } from '../../collect/inventory.ts';
import { GLOBAL_REGION } from '../../findings/model.ts';
import { DataUnavailable, type CheckContext, type CheckResult } from '../types.ts';

type DataOf<C> = C extends { ok: true; data: infer D } ? D : never;
export type TrailStatus = DataOf<TrailDetails['status']>;
export type TrailSelectors = DataOf<TrailDetails['selectors']>;
type AdvancedSelector = TrailSelectors['advancedEventSelectors'][number];
type FieldSelector = NonNullable<AdvancedSelector['FieldSelectors']>[number];

export interface Trail extends TrailDetails {
  arn: string;
  name: string;
  homeRegion: string;
  /** How reasons name the trail: "trail `main`" or "organization trail `org`". */
  label: string;
  /** The account in the trail ARN. */
  owner: string;
  /**
   * An organization trail seen from a member account: its status and selectors are authoritative in
   * the owner account only, so not being able to read them here says nothing about this account.
   */
  ownedElsewhere: boolean;
}

export interface AccountTrails {
  /** Unique trails, sorted by ARN. */
  trails: Trail[];
  /** Regions whose DescribeTrails failed: trails homed there may be missing from `trails`. */
  failedRegions: { region: string; error: CollectError }[];
}

const TRAIL_RESOURCE_TYPE = 'AwsCloudTrailTrail';

function toTrail(arn: string, d: TrailDetails, accountId: string): Trail {
  const name = d.trail.Name ?? arn;
  const owner = arn.split(':')[4] || accountId;
  return {
    ...d,
    arn,
    name,
    homeRegion: d.trail.HomeRegion ?? arn.split(':')[3] ?? GLOBAL_REGION,
    label: `${d.trail.IsOrganizationTrail ? 'organization trail' : 'trail'} \`${name}\``,
    owner,
    ownedElsewhere: owner !== accountId,
  };
}

/**
 * The account's trails. With no scanned region no trail list was read at all, which must not read as
 * "no trail": that throws DataUnavailable (`NoRegionScanned`) so the checks report ERROR.
 */
export function accountTrails(ctx: CheckContext): AccountTrails {
  if (ctx.regions.length === 0) {
    throw new DataUnavailable('cloudtrail.trails', {
      code: 'NoRegionScanned',
      message: 'no region of the account was scanned, so its CloudTrail trails were not listed',
    });
  }
  const details = ctx.global('cloudtrail.trailDetails');
  const trails = Object.keys(details)
    .sort()
    .map((arn) => toTrail(arn, details[arn]!, ctx.accountId));
  const failedRegions = ctx
    .regionalAll('cloudtrail.trails')
    .flatMap((r) => (r.error ? [{ region: r.region, error: r.error }] : []));
  return { trails, failedRegions };
}

/** Basic: IncludeManagementEvents with ReadWriteType All; advanced: a Management selector without readOnly. */
export function logsAllManagementEvents(s: TrailSelectors): boolean {
  const basic = s.eventSelectors.some(
    (e) => e.IncludeManagementEvents === true && (e.ReadWriteType ?? 'All') === 'All',
  );
  const advanced = s.advancedEventSelectors.some((sel) => {
    const fields = sel.FieldSelectors ?? [];
    return (
      fields.some((f) => f.Field === 'eventCategory' && f.Equals?.includes('Management')) &&
      !fields.some((f) => f.Field === 'readOnly')
    );
  });
  return basic || advanced;
}

export type Direction = 'read' | 'write';

function isPositive(f: FieldSelector): boolean {
  return Boolean(f.Equals?.length || f.StartsWith?.length || f.EndsWith?.length);
}

/** Whether an advanced selector's readOnly field lets events of `direction` through. */
function readOnlyAllows(fields: FieldSelector[], direction: Direction): boolean {
  const wanted = direction === 'read' ? 'true' : 'false';
  return fields
    .filter((f) => f.Field === 'readOnly')
    .every((f) => (!f.Equals || f.Equals.includes(wanted)) && !f.NotEquals?.includes(wanted));
}

function advancedLogsAllS3Objects(sel: AdvancedSelector, direction: Direction, allBuckets: string[]): boolean {
  const fields = sel.FieldSelectors ?? [];
  const has = (field: string, value: string) => fields.some((f) => f.Field === field && f.Equals?.includes(value));
  if (!has('eventCategory', 'Data') || !has('resources.type', 'AWS::S3::Object')) return false;
  if (!readOnlyAllows(fields, direction)) return false;
  // Excluding a few buckets (typically the log bucket itself) is accepted; naming the buckets is not "all".
  const arnNarrowed = fields.some(
    (f) =>
      f.Field === 'resources.ARN' &&
      isPositive(f) &&
      !(f.StartsWith ?? []).some((v) => allBuckets.includes(v)) &&
      !(f.Equals ?? []).some((v) => allBuckets.includes(v)),
  );
  const otherNarrowed = fields.some(
    (f) => !['eventCategory', 'resources.type', 'readOnly', 'resources.ARN'].includes(f.Field ?? '') && isPositive(f),
  );
  return !arnNarrowed && !otherNarrowed;
}

/** S3 object-level data events of `direction` for all buckets (CIS 3.8 write / 3.9 read). */
export function logsS3ObjectEvents(s: TrailSelectors, direction: Direction, partition: string): boolean {
  const allBuckets = [`arn:${partition}:s3`, `arn:${partition}:s3:::`];
  const types = direction === 'read' ? ['ReadOnly', 'All'] : ['WriteOnly', 'All'];
  const basic = s.eventSelectors.some(
    (e) =>
      types.includes(e.ReadWriteType ?? 'All') &&
      (e.DataResources ?? []).some(
        (r) => r.Type === 'AWS::S3::Object' && (r.Values ?? []).some((v) => allBuckets.includes(v)),
      ),
  );
  return basic || s.advancedEventSelectors.some((sel) => advancedLogsAllS3Objects(sel, direction, allBuckets));
}

/** One condition a trail must meet; `problem` completes "trail `x` …" when it does not. */
export type TrailRequirement =
  | { on: 'trail'; problem: string; holds: (t: Trail) => boolean }
  | { on: 'status'; problem: string; holds: (s: TrailStatus) => boolean }
  | { on: 'selectors'; problem: string; holds: (s: TrailSelectors) => boolean };

export type Assessment =
  | { status: 'pass' }
  | { status: 'fail'; reason: string }
  | { status: 'error'; reason: string; error: CollectError };

function fetchFor<T>(c: Collected<T>): { data?: T; error?: CollectError } {
  return c.ok ? { data: c.data } : { error: c.error };
}

/**
 * Judges a trail from what is known: any known unmet requirement is a failure; a requirement whose
 * data could not be collected makes the verdict an error only when nothing known fails.
 */
export function assessTrail(t: Trail, requirements: readonly TrailRequirement[]): Assessment {
  const status = fetchFor(t.status);
  const selectors = fetchFor(t.selectors);
  const problems: string[] = [];
  let missing: { what: string; error: CollectError } | undefined;
  for (const r of requirements) {
    if (r.on === 'trail') {
      if (!r.holds(t)) problems.push(r.problem);
    } else if (r.on === 'status') {
      if (status.data) {
        if (!r.holds(status.data)) problems.push(r.problem);
      } else missing ??= { what: 'status', error: status.error! };
    } else if (selectors.data) {
      if (!r.holds(selectors.data)) problems.push(r.problem);
    } else missing ??= { what: 'event selectors', error: selectors.error! };
  }
  if (problems.length > 0) return { status: 'fail', reason: `${t.label} ${problems.join(' and ')}` };
  if (missing) {
    const e = missing.error;
    return { status: 'error', error: e, reason: `the ${missing.what} of ${t.label} could not be collected: ${e.code}: ${e.message}` };
  }
  return { status: 'pass' };
}

export const MULTI_REGION: TrailRequirement = {
  on: 'trail',
  problem: 'is not multi-region',
  holds: (t) => t.trail.IsMultiRegionTrail === true,
};
export const LOGGING: TrailRequirement = { on: 'status', problem: 'is not logging', holds: (s) => s.IsLogging === true };
export const ALL_MANAGEMENT_EVENTS: TrailRequirement = {
  on: 'selectors',
  problem: 'does not log all management events (read and write)',
  holds: logsAllManagementEvents,
};
/** CIS 3.1: the trail the monitoring chain and the any-region checks start from. */
export const MANAGEMENT_TRAIL = [MULTI_REGION, LOGGING, ALL_MANAGEMENT_EVENTS] as const;

export function listingError(failed: { region: string; error: CollectError }): { reason: string; error: CollectError } {
  return {
    error: failed.error,
    reason: `CloudTrail trails in ${failed.region} could not be listed: ${failed.error.code}: ${failed.error.message}`,
  };
}

function accountResult(ctx: CheckContext, status: CheckResult['status'], reason: string, extra: Partial<CheckResult> = {}): CheckResult {
  return { status, region: GLOBAL_REGION, resourceId: ctx.accountId, resourceType: 'AwsAccount', reason, ...extra };
}

/** "organization trail `org` of account 999999999999", for trails judged in their own account. */
export function ownerLabel(t: Trail): string {
  return `${t.label} of account ${t.owner}`;
}

/**
 * Result of an any-region condition: PASS if some trail meets every requirement, else ERROR when a
 * listing or one of the account's own trails could not be read (the missing trail could be the
 * qualifying one), else NOT_APPLICABLE when a trail of another account, unreadable here, could meet
 * it (it is judged in its own account), else FAIL.
 */
export function anyTrailResult(
  ctx: CheckContext,
  requirements: readonly TrailRequirement[],
  text: { none: string; pass: string },
): CheckResult {
  const { trails, failedRegions } = accountTrails(ctx);
  const failures: string[] = [];
  const errors = failedRegions.map(listingError);
  const elsewhere: Trail[] = [];
  for (const t of trails) {
    const a = assessTrail(t, requirements);
    if (a.status === 'pass') {
      return accountResult(ctx, 'PASS', `${t.label} ${text.pass}`, { evidence: { trail: t.arn } });
    }
    if (a.status === 'fail') failures.push(a.reason);
    else if (t.ownedElsewhere) elsewhere.push(t);
    else errors.push(a);
  }
  if (errors.length > 0) {
    return accountResult(ctx, 'ERROR', errors.map((e) => e.reason).join('; '), {
      errorCode: errors[0]!.error.code,
      evidence: { failures },
    });
  }
  if (elsewhere.length > 0) {
    const own = failures.length > 0 ? `; this account's own trails do not qualify: ${failures.join('; ')}` : '';
    return accountResult(ctx, 'NOT_APPLICABLE', `covered by ${elsewhere.map(ownerLabel).join(' and ')}; judged there${own}`, {
      evidence: { judgedElsewhere: elsewhere.map((t) => ({ trail: t.arn, account: t.owner })), failures },
    });
  }
  const why = trails.length === 0 ? 'the account has no CloudTrail trail' : failures.join('; ');
  return accountResult(ctx, 'FAIL', `${text.none}: ${why}`);
}

/**
 * Results of a check judged per trail (or per trail bucket): one FAIL when the account has no trail,
 * plus an ERROR for every region whose trails could not be listed.
 */
export function perTrailResults(ctx: CheckContext, produce: (trails: Trail[]) => CheckResult[]): CheckResult[] {
  const { trails, failedRegions } = accountTrails(ctx);
  const listing = failedRegions.map((f) => {
    const { reason, error } = listingError(f);
    return { ...accountResult(ctx, 'ERROR', reason, { errorCode: error.code }), region: f.region };
  });
  if (trails.length === 0 && listing.length === 0) return [accountResult(ctx, 'FAIL', 'no CloudTrail trail')];
  return [...produce(trails), ...listing];
}

/** A result about one trail, reported in its home region. */
export function trailResult(t: Trail, status: CheckResult['status'], reason: string, extra: Partial<CheckResult> = {}): CheckResult {
  return { status, region: t.homeRegion, resourceId: t.arn, resourceType: TRAIL_RESOURCE_TYPE, reason, ...extra };
}

/** A bucket that receives trail logs, with the trails writing to it. */
export interface TrailBucket {
  name: string;
  trails: Trail[];
  /** "bucket `b` (trail `t`)", for reasons. */
  label: string;
}

/** Names the trails' accounts when they are not this one: the bucket is often in yet another account. */
function bucketElsewhereReason(tb: TrailBucket): string {
  const users = tb.trails.map((t) => (t.ownedElsewhere ? ownerLabel(t) : t.label)).join(', ');
  return `bucket \`${tb.name}\` (${users}) is not in this account; it is judged in the account that owns it`;
}

/**
 * Results per trail bucket. A bucket missing from this account's bucket list (a central log-archive
 * bucket, typically of an organization trail) belongs to another account and is judged there:
 * NOT_APPLICABLE here.
 */
export function perTrailBucketResults(
  ctx: CheckContext,
  judge: (tb: TrailBucket, bucket: S3Bucket) => { status: CheckResult['status']; reason: string; errorCode?: string },
): CheckResult[] {
  const buckets = new Map(ctx.global('s3.buckets').map((b) => [b.name, b]));
  return perTrailResults(ctx, (trails) => {
    const byName = new Map<string, Trail[]>();
    for (const t of trails) {
      const name = t.trail.S3BucketName;
      if (name) byName.set(name, [...(byName.get(name) ?? []), t]);
    }
    return [...byName.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, users]) => {
        const tb = { name, trails: users, label: `bucket \`${name}\` (${users.map((t) => t.label).join(', ')})` };
        const bucket = buckets.get(name);
        const base = { resourceId: bucketArn(ctx.partition, name), resourceType: S3_BUCKET_TYPE, evidence: { trails: users.map((t) => t.arn) } };
        if (!bucket) {
          return { ...base, status: 'NOT_APPLICABLE' as const, region: GLOBAL_REGION, reason: bucketElsewhereReason(tb) };
        }
        return { ...base, region: bucket.region, ...judge(tb, bucket) };
      });
  });
}
