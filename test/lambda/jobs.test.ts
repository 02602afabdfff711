import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { handler } from '../../src/lambda/jobs.ts';
import { openStore } from '../../src/store/index.ts';

describe('Lambda handler for scheduled jobs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-lambda-jobs-'));
  const db = join(dir, 'jobs.db');
  const policy = join(dir, 'rampart.yaml');
  const saved = process.env.RAMPART_DB;
  before(() => {
    process.env.RAMPART_DB = db;
    writeFileSync(policy, "schedules:\n  jobs:\n    compliance: { cron: '30 5 * * *', args: [--as-of, '2026-11-01'] }\n    scan: { cron: '0 2 * * *', args: [--bogus] }\n");
  });
  after(() => {
    if (saved === undefined) delete process.env.RAMPART_DB;
    else process.env.RAMPART_DB = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the job once on RAMPART_DB with the policy args, throws on a failed run or bad input', async () => {
    assert.deepEqual(await handler({ job: 'compliance', policy }), { job: 'compliance', exitCode: 0 });
    await assert.rejects(handler({ job: 'scan', policy }), { message: "scan: exit 1: unknown option '--bogus'" });
    await assert.rejects(handler({ job: 'coffee' }), { message: /^unknown job 'coffee'; known: scan, / });
    await assert.rejects(handler({ args: 'scan' } as never), { message: /^the schedule input must be/ });
    const store = await openStore(db);
    try {
      const latest = await store.jobRuns.latest();
      assert.deepEqual([...latest].map(([job, r]) => [job, r.state, r.message]), [
        ['compliance', 'ok', 'exit 0'],
        ['scan', 'failed', "exit 1: unknown option '--bogus'"],
      ]);
    } finally {
      await store.close();
    }
  });
});
