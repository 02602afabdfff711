import { EC2Client } from '@aws-sdk/client-ec2';
import { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { HttpHandler } from '@smithy/core/protocols';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { Collector } from '../collect/types.ts';
import type { Check, CheckOptions } from '../checks/types.ts';
import { ClientFactory } from '../aws/client-factory.ts';
import { CredentialBroker, type RoleOptions } from '../aws/credentials.ts';
import { ScanAbort, toCollectError } from '../aws/errors.ts';
import { listOrganizationAccounts, type TargetAccount } from '../aws/organization.ts';
import { discoverRegions, type AccountRegions, type RegionFilter } from '../aws/regions.ts';
import type { Finding } from '../findings/model.ts';
import type { ScanIssue, ScanRecord, SkippedItem } from '../findings/scan.ts';
import type { Framework } from '../frameworks/types.ts';
import { collectAccount } from './collect-account.ts';
import { InventoryWriter } from './inventory-file.ts';
import { judgeAccount } from './judge.ts';
import { planScan, type ScanPlan } from './plan.ts';
import { pool } from './pool.ts';
import { buildScanRecord, issuesOf } from './record.ts';

export interface ProgressSink {
  /** Account-regions expected so far; grows as each account reports its regions. */
  expect(units: number): void;
  /** One account-region finished. */
  done(units: number, errorsSoFar: number, label: string): void;
  stop(): void;
}

export interface ScanOptions {
  framework: Framework;
  checks: ReadonlyMap<string, Check>;
  collectors: readonly Collector[];
  /** The organization, listed accounts, or (default) the account of the calling credentials. */
  target: { kind: 'org' } | { kind: 'accounts'; ids: string[] } | { kind: 'caller' };
  regions: RegionFilter;
  role: RoleOptions;
  endpointUrl?: string;
  /** API calls in flight across the scan. */
  concurrency: number;
  /** Accounts scanned at the same time. */
  accountConcurrency: number;
  /** API calls in flight per (account, region, service). */
  perServiceConcurrency: number;
  now: Date;
  checkOptions: CheckOptions;
  inventoryOut?: string;
  progress?: ProgressSink;
  /** Region used for STS, Organizations and region discovery; defines the partition. */
  homeRegion: string;
  partition: string;
  requestHandler?: HttpHandler;
  baseCredentials?: AwsCredentialIdentityProvider;
  /** When the run is recorded as having happened (a fixed clock: --now, RAMPART_NOW); default the real time. */
  recordAt?: Date;
  /** Read each account's Organizations tags (owners named by tags). */
  accountTags?: boolean;
}

export interface ScanOutcome {
  scan: ScanRecord;
  findings: Finding[];
  accounts: TargetAccount[];
  apiCalls: number;
}

function unknownRegions(filter: RegionFilter, known: AccountRegions['known']): string[] {
  const set = new Set(known);
  return [...(filter.include ?? []), ...(filter.exclude ?? [])].filter((r) => !set.has(r));
}

/** Scans the organization (or the listed accounts): collect → evaluate → findings, account by account. */
export async function runScan(o: ScanOptions): Promise<ScanOutcome> {
  const startedAt = o.recordAt ?? new Date();
  const plan = planScan(o.framework, o.checks, o.collectors);
  const broker = new CredentialBroker(o.role, o.partition, o.homeRegion, o.baseCredentials);
  const factory = await ClientFactory.create(
    {
      concurrency: o.concurrency,
      perServiceConcurrency: o.perServiceConcurrency,
      ...(o.endpointUrl ? { endpointUrl: o.endpointUrl } : {}),
      ...(o.requestHandler ? { requestHandler: o.requestHandler } : {}),
    },
    (id) => broker.providerFor(id),
    o.homeRegion,
  );
  broker.attach(factory);
  try {
    const writer = o.inventoryOut
      ? await InventoryWriter.create(o.inventoryOut, { format: 'rampart-inventory', version: 1, collectedAt: o.now.toISOString(), partition: o.partition })
      : undefined;
    try {
      return await scanWith(o, plan, factory, broker, startedAt, writer);
    } catch (err) {
      await writer?.abort();
      throw err;
    }
  } finally {
    factory.destroy();
  }
}

async function scanWith(
  o: ScanOptions,
  plan: ScanPlan,
  factory: ClientFactory,
  broker: CredentialBroker,
  startedAt: Date,
  writer: InventoryWriter | undefined,
): Promise<ScanOutcome> {
  const issues: ScanIssue[] = [];
  let caller: { accountId: string; arn: string };
  try {
    caller = await broker.caller();
  } catch (err) {
    const e = toCollectError(err);
    throw new ScanAbort(`cannot identify the calling AWS identity (${e.code}: ${e.message})`);
  }

  let callerRegions: AccountRegions | undefined;
  try {
    callerRegions = await discoverRegions(factory.client(EC2Client, caller.accountId, o.homeRegion), o.regions);
  } catch (err) {
    // Each account still discovers its own regions; only the up-front check of region names is lost.
    const e = toCollectError(err);
    issues.push({ accountId: caller.accountId, code: e.code, message: `could not list the caller's regions, so region names were not checked: ${e.message}` });
  }
  if (callerRegions) {
    const unknown = unknownRegions(o.regions, callerRegions.known);
    if (unknown.length) throw new ScanAbort(`unknown region(s): ${unknown.join(', ')}`);
  }

  const skipped: SkippedItem[] = [];
  let targets: TargetAccount[];
  if (o.target.kind === 'org') {
    try {
      const org = await listOrganizationAccounts(factory.client(OrganizationsClient, caller.accountId, o.homeRegion), { tags: o.accountTags ?? false });
      targets = org.accounts;
      skipped.push(...org.skipped);
      issues.push(...org.issues.map((i) => ({ accountId: caller.accountId, ...i })));
    } catch (err) {
      const e = toCollectError(err);
      throw new ScanAbort(`cannot list the organization's accounts (${e.code}: ${e.message})`);
    }
  } else if (o.target.kind === 'accounts') {
    targets = o.target.ids.map((id) => ({ id }));
  } else {
    targets = [{ id: caller.accountId }];
  }

  const fallbackRegions = o.regions.include?.length ? o.regions.include : (callerRegions?.scanned ?? [o.homeRegion]);
  const estimate = fallbackRegions.length;
  o.progress?.expect(targets.length * estimate);

  const findings: Finding[] = [];
  const regions = new Set<string>();
  let errorsSoFar = 0;
  const judge = { framework: o.framework, checks: plan.checks, checksById: o.checks, partition: o.partition, now: o.now, options: o.checkOptions };

  try {
    await pool(targets, o.accountConcurrency, async (account) => {
      const inventory = await collectAccount({
        account,
        plan,
        factory,
        broker,
        partition: o.partition,
        globalRegion: o.homeRegion,
        regionFilter: o.regions,
        fallbackRegions,
        ...(account.id === caller.accountId && callerRegions ? { knownRegions: callerRegions } : {}),
        onRegions: (n) => o.progress?.expect(n - estimate),
        onRegionDone: (region) => o.progress?.done(1, errorsSoFar, `${account.id} ${region}`),
      });
      if (inventory.accessError) o.progress?.done(estimate, ++errorsSoFar, `${account.id} not accessible`);
      const accountFindings = judgeAccount(inventory, judge);
      errorsSoFar += accountFindings.filter((f) => f.status === 'ERROR').length;
      findings.push(...accountFindings);
      issues.push(...issuesOf(inventory));
      for (const r of inventory.regions) regions.add(r);
      for (const s of inventory.skippedRegions) skipped.push({ accountId: account.id, region: s.region, reason: s.reason });
      await writer?.add(inventory);
      factory.releaseAccount(account.id);
    });
    await writer?.close();
  } finally {
    o.progress?.stop();
  }

  const scan = buildScanRecord({
    source: 'scan',
    actor: caller.arn,
    startedAt,
    finishedAt: o.recordAt ?? new Date(),
    framework: o.framework.id,
    accounts: targets.map((t) => t.id),
    regions: [...regions],
    findings,
    issues,
    skipped,
  });
  return { scan, findings, accounts: targets, apiCalls: factory.stats.attempts };
}
