import { BatchImportFindingsCommand, SecurityHubClient, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { toCollectError } from '../aws/errors.ts';
import { globalRegionOf } from '../aws/partition.ts';
import type { Finding } from '../findings/model.ts';
import type { ScanIssue } from '../findings/scan.ts';
import { ASFF_LIMITS, toAsff, type AsffContext, type AsffFinding } from '../report/asff.ts';
import { pool } from '../scan/pool.ts';
import { openAwsSession, type AwsAccessOptions, type AwsSession } from './aws-session.ts';

/** BatchImportFindings takes at most 100 findings and 6 MB per request. */
const MAX_BATCH = 100;
const MAX_BATCH_BYTES = 6 * 1024 * 1024;
/** Room for the request's own JSON around the findings. */
const REQUEST_OVERHEAD = 64;

export interface ExportItem {
  /** A Rampart finding; a stored one's `firstSeen` becomes the ASFF CreatedAt. */
  finding: Finding & { firstSeen?: string; resolvedAt?: string };
  /** Resolved since Rampart last saw it: sent as ARCHIVED, updated at `resolvedAt` (else now). */
  resolved: boolean;
}

export interface ExportOptions extends AwsAccessOptions {
  /** The export's time: UpdatedAt of archivals that carry no resolution time. */
  now: Date;
  /** Account-regions sent to at the same time; default 8. */
  accountConcurrency?: number;
}

/** A finding Security Hub (or the size limit) refused. */
export interface ExportFailure {
  /** The ASFF Id. */
  id: string;
  findingId: string;
  accountId: string;
  region: string;
  code: string;
  message: string;
}

export interface ExportResult {
  /** Findings Security Hub accepted, per account and region. */
  imported: { accountId: string; region: string; active: number; archived: number }[];
  failed: ExportFailure[];
  /** Accounts or regions that took nothing (role denied, Security Hub not enabled, throttled out). */
  issues: ScanIssue[];
}

interface Prepared {
  asff: AsffFinding;
  findingId: string;
  bytes: number;
}

/** Batches of at most 100 findings and 6 MB. */
function batches(items: readonly Prepared[]): Prepared[][] {
  const out: Prepared[][] = [];
  let batch: Prepared[] = [];
  let bytes = REQUEST_OVERHEAD;
  for (const item of items) {
    if (batch.length === MAX_BATCH || (batch.length > 0 && bytes + item.bytes + 1 > MAX_BATCH_BYTES)) {
      out.push(batch);
      batch = [];
      bytes = REQUEST_OVERHEAD;
    }
    batch.push(item);
    bytes += item.bytes + 1;
  }
  if (batch.length) out.push(batch);
  return out;
}

/**
 * Sends Rampart's findings to Security Hub in each finding's own account and region (global ones
 * to the partition's home region), where BatchImportFindings accepts them: the caller's account
 * with its own credentials, every other through the role. The ASFF Id is stable, so a re-export
 * updates the finding instead of adding one; resolved findings are sent ARCHIVED. Refused
 * findings and unreachable accounts come back as data.
 */
export async function exportToSecurityHub(items: Iterable<ExportItem>, o: ExportOptions): Promise<ExportResult> {
  const context: AsffContext = { partition: o.partition, globalRegion: globalRegionOf(o.partition), scan: { finishedAt: o.now.toISOString() } };
  const failed: ExportFailure[] = [];
  const byAccount = new Map<string, Map<string, Prepared[]>>();
  for (const { finding, resolved } of items) {
    const asff = toAsff(finding, context, {
      ...(finding.firstSeen ? { createdAt: finding.firstSeen } : {}),
      ...(resolved ? { recordState: 'ARCHIVED' as const, updatedAt: finding.resolvedAt ?? o.now.toISOString() } : {}),
    });
    const bytes = Buffer.byteLength(JSON.stringify(asff));
    if (bytes > ASFF_LIMITS.findingBytes) {
      failed.push({ id: asff.Id, findingId: finding.id, accountId: asff.AwsAccountId, region: asff.Region, code: 'FindingTooLarge', message: `the finding is ${bytes} bytes in ASFF; Security Hub takes at most ${ASFF_LIMITS.findingBytes}` });
      continue;
    }
    let regions = byAccount.get(asff.AwsAccountId);
    if (!regions) byAccount.set(asff.AwsAccountId, (regions = new Map()));
    let list = regions.get(asff.Region);
    if (!list) regions.set(asff.Region, (list = []));
    list.push({ asff, findingId: finding.id, bytes });
  }

  const session = await openAwsSession(o);
  const imported: ExportResult['imported'] = [];
  const issues: ScanIssue[] = [];
  try {
    const reachable = new Set<string>();
    await pool([...byAccount.keys()], o.accountConcurrency ?? 8, async (accountId) => {
      try {
        await session.broker.verify(accountId);
        reachable.add(accountId);
      } catch (err) {
        const e = toCollectError(err);
        const count = [...byAccount.get(accountId)!.values()].reduce((n, list) => n + list.length, 0);
        issues.push({ accountId, code: e.code, message: `cannot assume ${o.role.roleName} (${e.message}); ${count} findings not exported` });
      }
    });
    const units = [...byAccount].filter(([a]) => reachable.has(a)).flatMap(([accountId, regions]) => [...regions].map(([region, list]) => ({ accountId, region, list })));
    await pool(units, o.accountConcurrency ?? 8, async (unit) => {
      const done = await sendRegion(session, unit.accountId, unit.region, unit.list, failed, issues);
      if (done.active + done.archived > 0) imported.push({ accountId: unit.accountId, region: unit.region, ...done });
    });
  } finally {
    session.close();
  }
  const byPlace = (a: { accountId?: string; region?: string }, b: { accountId?: string; region?: string }) =>
    (a.accountId ?? '').localeCompare(b.accountId ?? '') || (a.region ?? '').localeCompare(b.region ?? '');
  return { imported: imported.sort(byPlace), failed: failed.sort(byPlace), issues: issues.sort(byPlace) };
}

/** One account-region's batches, in order; a call that fails stops the region (the rest would fail alike). */
async function sendRegion(
  session: AwsSession,
  accountId: string,
  region: string,
  list: readonly Prepared[],
  failed: ExportFailure[],
  issues: ScanIssue[],
): Promise<{ active: number; archived: number }> {
  const client = session.factory.client(SecurityHubClient, accountId, region);
  const counts = { active: 0, archived: 0 };
  let sent = 0;
  for (const batch of batches(list)) {
    let out;
    try {
      // The SDK types Resources[].Partition as the partitions it knows; ours is the run's own.
      out = await client.send(new BatchImportFindingsCommand({ Findings: batch.map((p) => p.asff as AwsSecurityFinding) }));
    } catch (err) {
      const e = toCollectError(err);
      issues.push({ accountId, region, code: e.code, message: `BatchImportFindings failed (${e.message}); ${list.length - sent} findings not exported` });
      break;
    }
    sent += batch.length;
    const refused = new Map((out.FailedFindings ?? []).map((f) => [f.Id ?? '', f]));
    for (const p of batch) {
      const refusal = refused.get(p.asff.Id);
      if (refusal) {
        failed.push({ id: p.asff.Id, findingId: p.findingId, accountId, region, code: refusal.ErrorCode ?? 'Unknown', message: refusal.ErrorMessage ?? '' });
      } else if (p.asff.RecordState === 'ARCHIVED') counts.archived++;
      else counts.active++;
    }
  }
  return counts;
}
