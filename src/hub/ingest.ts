import type { Finding, Origin } from '../findings/model.ts';
import type { ScanIssue } from '../findings/scan.ts';
import type { ImportSession } from '../store/types.ts';
import { normalizeAsff } from './asff.ts';
import { normalizeGuardDuty } from './guardduty-finding.ts';
import type { PullBatch, PullResult } from './pull.ts';
import type { Normalized } from './schema.ts';

/** Findings handed to the store at a time: this many normalized findings stay a few megabytes in memory. */
export const INGEST_BATCH = 5_000;

/**
 * Findings per store transaction, over several batches. A commit writes out every index page the
 * transaction touched, and the randomly keyed indexes of a large store (finding ids, accounts) are
 * touched nearly everywhere by a few thousand findings: on a 300,000-finding SQLite store, ten
 * times fewer commits write a fifth of the bytes to disk (bench/ingest.ts).
 */
export const INGEST_COMMIT = 50_000;

/** Collects findings and hands them to the import session a full batch at a time. */
export class IngestBuffer {
  private pending: Finding[] = [];
  private readonly session: ImportSession;
  stored = 0;

  constructor(session: ImportSession) {
    this.session = session;
  }

  async push(f: Finding): Promise<void> {
    this.pending.push(f);
    if (this.pending.length >= INGEST_BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    await this.session.add(batch);
    this.stored += batch.length;
  }
}

const NORMALIZE: Record<PullBatch['origin'], (doc: unknown, ctx: { origin: Origin }) => Normalized> = {
  securityhub: normalizeAsff,
  guardduty: normalizeGuardDuty,
};

/**
 * Stores every page of a pull. A document AWS sent that does not normalize is reported as an issue
 * of the account and region it came from, never silently dropped.
 */
export async function ingestPull(pages: AsyncGenerator<PullBatch, PullResult>, buffer: IngestBuffer): Promise<PullResult> {
  const malformed: ScanIssue[] = [];
  let next = await pages.next();
  while (!next.done) {
    const page = next.value;
    for (const doc of page.documents) {
      const n = NORMALIZE[page.origin](doc, { origin: page.origin });
      if (n.ok) await buffer.push(n.finding);
      else malformed.push({ accountId: page.accountId, region: page.region, code: 'MalformedFinding', message: n.reason });
    }
    next = await pages.next();
  }
  await buffer.flush();
  return { ...next.value, issues: [...next.value.issues, ...malformed] };
}
