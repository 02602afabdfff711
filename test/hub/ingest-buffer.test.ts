import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as tick } from 'node:timers/promises';
import type { Finding } from '../../src/findings/model.ts';
import { INGEST_BATCH, IngestBuffer, ingestPull } from '../../src/hub/ingest.ts';
import type { PullBatch, PullResult } from '../../src/hub/pull.ts';
import { guardDutyPortProbe } from './fixtures.ts';
import type { ImportSession } from '../../src/store/types.ts';

/** A session whose writes finish only when the test says so, recording how many ran at once. */
function slowSession() {
  const writes: { ids: string[]; done: () => void; fail: (err: Error) => void }[] = [];
  let active = 0;
  let peak = 0;
  const session = {
    runId: 'run',
    add(findings: readonly Finding[]) {
      active++;
      peak = Math.max(peak, active);
      return new Promise<void>((resolve, reject) => {
        const end = () => active--;
        writes.push({ ids: findings.map((f) => f.id), done: () => (end(), resolve()), fail: (err) => (end(), reject(err)) });
      });
    },
    finish: () => Promise.reject(new Error('not used')),
  } satisfies ImportSession;
  return { session, writes, peak: () => peak };
}

const finding = (n: number) => ({ id: `f${n}` }) as Finding;
/** With overlap two batches are held at once, each half the size. */
const HALF = INGEST_BATCH / 2;


async function pushBatch(buffer: IngestBuffer, first: number): Promise<void> {
  for (let n = first; n < first + HALF; n++) await buffer.push(finding(n));
}

test('with overlap, the next batch is read while one is written, never two writes at once, in order', async () => {
  const s = slowSession();
  const buffer = new IngestBuffer(s.session, { overlap: true });
  await pushBatch(buffer, 0);
  // The first batch is being written, and reading went on.
  assert.equal(s.writes.length, 1);
  for (let n = HALF; n < 2 * HALF - 1; n++) await buffer.push(finding(n));
  // The second batch is full: its write waits for the first.
  const full = buffer.push(finding(2 * HALF - 1));
  await tick();
  assert.equal(s.writes.length, 1);
  s.writes[0]!.done();
  await full;
  assert.equal(s.writes.length, 2);
  await buffer.push(finding(2 * HALF));
  const flushed = buffer.flush();
  await tick();
  assert.equal(s.writes.length, 2, 'the last, partial batch waits for the second');
  s.writes[1]!.done();
  await tick();
  s.writes[2]!.done();
  await flushed;
  assert.equal(s.peak(), 1);
  assert.deepEqual(s.writes.map((w) => w.ids.length), [HALF, HALF, 1]);
  assert.equal(buffer.stored, 2 * HALF + 1);
  assert.deepEqual(
    s.writes.flatMap((w) => w.ids),
    Array.from({ length: 2 * HALF + 1 }, (_, n) => `f${n}`),
  );
});

test('with overlap, a failed write is raised by the next push that sends a batch, which is not written', async () => {
  const s = slowSession();
  const buffer = new IngestBuffer(s.session, { overlap: true });
  await pushBatch(buffer, 0);
  s.writes[0]!.fail(new Error('disk full'));
  await tick();
  for (let n = HALF; n < 2 * HALF - 1; n++) await buffer.push(finding(n));
  await assert.rejects(buffer.push(finding(2 * HALF - 1)), /disk full/);
  assert.equal(s.writes.length, 1, 'nothing is written after a failure');
  assert.equal(buffer.stored, 0);
});

test('with overlap, a failed last write is raised by flush; settle waits for a write without raising', async () => {
  const s = slowSession();
  const buffer = new IngestBuffer(s.session, { overlap: true });
  await pushBatch(buffer, 0);
  let settled = false;
  const settling = buffer.settle().then(() => (settled = true));
  await tick();
  assert.equal(settled, false, 'settle waits for the write under way');
  s.writes[0]!.fail(new Error('connection lost'));
  await settling;
  const again = new IngestBuffer(slowSession().session, { overlap: true });
  await again.settle();

  const t = slowSession();
  const last = new IngestBuffer(t.session, { overlap: true });
  await last.push(finding(0));
  const flushed = last.flush();
  await tick();
  t.writes[0]!.fail(new Error('connection lost'));
  await assert.rejects(flushed, /connection lost/);
});

test('without overlap, push waits for its batch to be written', async () => {
  const s = slowSession();
  const buffer = new IngestBuffer(s.session);
  for (let n = 0; n < INGEST_BATCH - 1; n++) await buffer.push(finding(n));
  let returned = false;
  const full = buffer.push(finding(INGEST_BATCH - 1)).then(() => (returned = true));
  await tick();
  assert.equal(returned, false);
  s.writes[0]!.done();
  await full;
  assert.equal(buffer.stored, INGEST_BATCH);
});

test('a pull that fails while a batch is being written lets that write end before the failure reaches the caller', async () => {
  const s = slowSession();
  const buffer = new IngestBuffer(s.session, { overlap: true });
  async function* pages(): AsyncGenerator<PullBatch, PullResult> {
    const documents = Array.from({ length: HALF }, (_, n) => guardDutyPortProbe({ id: `finding-${n}` }));
    yield { origin: 'guardduty', accountId: '111122223333', region: 'us-east-1', documents };
    throw new Error('throttled for good');
  }
  let failed = false;
  const pulled = ingestPull(pages(), buffer).catch((err: Error) => {
    failed = true;
    throw err;
  });
  while (s.writes.length === 0) await tick();
  await tick();
  assert.equal(failed, false, 'the failure waits for the write under way');
  s.writes[0]!.done();
  await assert.rejects(pulled, /throttled for good/);
  assert.equal(s.writes[0]!.ids.length, HALF);
});
