import { setImmediate } from 'node:timers/promises';
import type { Finding, Origin } from '../findings/model.ts';
import type { ScanIssue } from '../findings/scan.ts';
import type { ImportSession } from '../store/types.ts';
import { normalizeAsff } from './asff.ts';
import { normalizeGuardDuty } from './guardduty-finding.ts';
import type { PullBatch, PullResult } from './pull.ts';
import type { Normalized } from './schema.ts';

/**
 * Findings handed to the store at a time. SQLite writes each batch in index order, one sweep over
 * the account- and id-keyed indexes; half as many findings per batch means twice the sweeps, and a
 * million-finding import took 193–206 s instead of 157 s (bench/ingest.ts), at 263 instead of
 * 293 MiB. An overlapping import holds two batches, each half as large.
 */
export const INGEST_BATCH = 5_000;

/**
 * Findings per store transaction, over several batches. A commit writes out every index page the
 * transaction touched, and the randomly keyed indexes of a large store (finding ids, accounts) are
 * touched nearly everywhere by a few thousand findings: on a 300,000-finding SQLite store, ten
 * times fewer commits write a fifth of the bytes to disk (bench/ingest.ts).
 */
export const INGEST_COMMIT = 50_000;

/** Findings read between turns of the event loop while a batch is being written: about 2 ms. */
const YIELD_EVERY = 50;

/**
 * Collects findings and hands them to the import session a full batch at a time. With `overlap`, a
 * batch is written while the next one is read and normalized: a database server (PostgreSQL) then
 * works on one core while the importer works on the other, instead of each waiting for the other.
 * At most one batch is being written at a time, so batches are stored in the order read; a failed
 * write is thrown by the push that completes the next batch, or by flush. Batches are then half as
 * large, so that the two held at once take the memory one did (100,000 findings into PostgreSQL:
 * 50 MiB more at the full size). SQLite writes on the importer's own thread, where there is nothing
 * to overlap.
 */
export class IngestBuffer {
  private pending: Finding[] = [];
  private writing: Promise<void> | undefined;
  private readonly session: ImportSession;
  private readonly overlap: boolean;
  private readonly batch: number;
  stored = 0;

  constructor(session: ImportSession, options: { overlap?: boolean } = {}) {
    this.session = session;
    this.overlap = options.overlap ?? false;
    this.batch = this.overlap ? INGEST_BATCH / 2 : INGEST_BATCH;
  }

  async push(f: Finding): Promise<void> {
    this.pending.push(f);
    if (this.pending.length >= this.batch) await this.send();
    // Reading a block of the input yields only to promise callbacks, never to the server's answers:
    // without a turn of the event loop now and then, the write's next statement would wait for the
    // whole block (about 40 ms) to be read.
    else if (this.writing && this.pending.length % YIELD_EVERY === 0) await setImmediate();
  }

  /** Writes what is collected and waits until every batch is stored. */
  async flush(): Promise<void> {
    await this.send();
    await this.wait();
  }

  /** Waits for the batch being written without raising its failure: for a caller that already failed. */
  async settle(): Promise<void> {
    await this.writing?.catch(() => undefined);
  }

  private async send(): Promise<void> {
    await this.wait();
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    const write = this.session.add(batch).then(() => {
      this.stored += batch.length;
    });
    if (!this.overlap) return write;
    // Raised when waited for; until then it must not count as unhandled.
    write.catch(() => undefined);
    this.writing = write;
  }

  private async wait(): Promise<void> {
    const writing = this.writing;
    this.writing = undefined;
    await writing;
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
  let next: IteratorResult<PullBatch, PullResult>;
  try {
    next = await pages.next();
    while (!next.done) {
      const page = next.value;
      for (const doc of page.documents) {
        const n = NORMALIZE[page.origin](doc, { origin: page.origin });
        if (n.ok) await buffer.push(n.finding);
        else malformed.push({ accountId: page.accountId, region: page.region, code: 'MalformedFinding', message: n.reason });
      }
      next = await pages.next();
    }
  } catch (err) {
    // The store is closed next: a batch still being written must end first.
    await buffer.settle();
    throw err;
  }
  await buffer.flush();
  return { ...next.value, issues: [...next.value.issues, ...malformed] };
}
