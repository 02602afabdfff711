import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { runJob } from '../../src/schedule/run-job.ts';
import { ownerNote } from '../../src/schedule/owner.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { backends } from '../store/support.ts';

const T0 = new Date('2026-11-30T02:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const HERE = { host: 'scheduler-host', pid: 4242 };
const never = () => false;
const STARTER = fileURLToPath(new URL('./start-job-run.ts', import.meta.url));

/** node:sqlite waits for a lock synchronously, so only separate processes can contend for one. */
function startInChild(location: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [STARTER, location], (err, stdout, stderr) => (err ? reject(new Error(`${err.message}: ${stderr}`)) : resolve(stdout)));
  });
}

for (const backend of backends()) {
  describe(`job runs on ${backend.name}`, () => {
    after(() => backend.cleanup());
    const withStore = async (work: (store: Store, location: string) => Promise<void>) => {
      const location = backend.fresh();
      const store = await openStore(location);
      try {
        await work(store, location);
      } finally {
        await store.close();
      }
    };

    it('records a run from running to its end, and the latest run of each job', async () => {
      await withStore(async (store) => {
        const { run, heldBy } = await store.jobRuns.start({ job: 'scan', scheduledFor: T0, at: at(0), note: ownerNote(HERE), abandoned: never });
        assert.equal(heldBy, undefined);
        assert.deepEqual({ ...run, id: '' }, { id: '', job: 'scan', scheduledFor: T0.toISOString(), startedAt: T0.toISOString(), state: 'running', message: 'running as pid 4242 on scheduler-host' });
        await store.jobRuns.finish(run.id, { state: 'ok', at: at(30), message: 'exit 3: completed with errors (partial results recorded)' });
        const second = await store.jobRuns.start({ job: 'scan', at: at(60), note: ownerNote(HERE), abandoned: never });
        await store.jobRuns.finish(second.run.id, { state: 'failed', at: at(61), message: 'exit 1: boom' });
        const first = await store.jobRuns.start({ job: 'compliance', at: at(5), note: ownerNote(HERE), abandoned: never });
        await store.jobRuns.finish(first.run.id, { state: 'ok', at: at(6), message: 'exit 0' });
        const latest = await store.jobRuns.latest();
        assert.deepEqual([...latest].map(([job, r]) => [job, r.state, r.message, r.finishedAt]), [
          ['compliance', 'ok', 'exit 0', at(6).toISOString()],
          ['scan', 'failed', 'exit 1: boom', at(61).toISOString()],
        ]);
        assert.deepEqual((await store.jobRuns.history('scan')).map((r) => [r.startedAt, r.state, r.scheduledFor]), [
          [at(60).toISOString(), 'failed', undefined],
          [T0.toISOString(), 'ok', T0.toISOString()],
        ]);
      });
    });

    it('skips a run while another one of the same job is running, and records why; other jobs are not held', async () => {
      await withStore(async (store) => {
        const first = await store.jobRuns.start({ job: 'scan', at: at(0), note: ownerNote(HERE), abandoned: never });
        const second = await store.jobRuns.start({ job: 'scan', scheduledFor: at(5), at: at(5), note: ownerNote({ host: 'other', pid: 1 }), abandoned: never });
        assert.equal(second.heldBy?.id, first.run.id);
        assert.equal(second.run.state, 'skipped');
        assert.equal(second.run.finishedAt, at(5).toISOString());
        assert.equal(second.run.message, `skipped: the run started ${at(0).toISOString()} is still running (running as pid 4242 on scheduler-host)`);
        const other = await store.jobRuns.start({ job: 'compliance', at: at(5), note: ownerNote(HERE), abandoned: never });
        assert.equal(other.run.state, 'running');
        const skipped = await store.jobRuns.skip({ job: 'scan', scheduledFor: at(10), at: at(10), message: 'skipped: the run started earlier is still running' });
        assert.equal(skipped.state, 'skipped');
        assert.deepEqual((await store.jobRuns.history('scan')).map((r) => r.state), ['skipped', 'skipped', 'running']);
      });
    });

    it('closes a running row whose process is gone as failed, and starts anew', async () => {
      await withStore(async (store) => {
        const crashed = await store.jobRuns.start({ job: 'scan', at: at(0), note: ownerNote({ host: 'scheduler-host', pid: 999_999 }), abandoned: never });
        const next = await store.jobRuns.start({ job: 'scan', at: at(90), note: ownerNote(HERE), abandoned: (r) => r.id === crashed.run.id });
        assert.equal(next.heldBy, undefined);
        assert.equal(next.run.state, 'running');
        const [, old] = await store.jobRuns.history('scan');
        assert.deepEqual([old?.id, old?.state, old?.finishedAt, old?.message], [crashed.run.id, 'failed', at(90).toISOString(), 'abandoned: running as pid 999999 on scheduler-host is gone']);
      });
    });

    it('lets exactly one of several processes starting the same job at once run it', async () => {
      await withStore(async (_store, location) => {
        const states = await Promise.all(Array.from({ length: 4 }, () => startInChild(location)));
        assert.deepEqual(states.sort(), ['running', 'skipped', 'skipped', 'skipped']);
      });
    });

    it('runJob: exit codes 0, 2 and 3 complete the run (noted), others fail it with the error; a throw fails it', async () => {
      await withStore(async (store) => {
        const run = (code: number, error?: string) =>
          runJob({ store, job: 'scan', clock: () => T0, owner: HERE, execute: async () => ({ code, ...(error ? { error } : {}) }) });
        assert.deepEqual(await run(0), { state: 'ok', exitCode: 0, message: 'exit 0' });
        assert.deepEqual(await run(2), { state: 'ok', exitCode: 2, message: 'exit 2: findings at or above --fail-on' });
        assert.deepEqual(await run(3), { state: 'ok', exitCode: 3, message: 'exit 3: completed with errors (partial results recorded)' });
        assert.deepEqual(await run(1, "unknown option '--bogus'"), { state: 'failed', exitCode: 1, message: "exit 1: unknown option '--bogus'" });
        const thrown = await runJob({ store, job: 'scan', clock: () => T0, owner: HERE, execute: () => Promise.reject(new Error('out of memory')) });
        assert.deepEqual(thrown, { state: 'failed', exitCode: 1, message: 'exit 1: out of memory' });
        assert.deepEqual((await store.jobRuns.history('scan')).map((r) => r.state).sort(), ['failed', 'failed', 'ok', 'ok', 'ok']);
      });
    });

    it('runJob: skipped (exit 0, nothing run) while a live process on this host or a recent one elsewhere holds the job; taken over from a dead pid or after a day, even on the same host', async () => {
      await withStore(async (store) => {
        let executed = 0;
        const attempt = (minutes: number, isAlive: (pid: number) => boolean) =>
          runJob({ store, job: 'scan', clock: () => at(minutes), owner: HERE, isAlive, execute: async () => ({ code: 0 }) }).then((o) => (executed += o.state === 'skipped' ? 0 : 1, o));

        const live = await store.jobRuns.start({ job: 'scan', at: at(0), note: ownerNote({ host: HERE.host, pid: 7 }), abandoned: never });
        const skipped = await attempt(10, () => true);
        assert.equal(skipped.state, 'skipped');
        assert.equal(skipped.exitCode, 0);
        assert.match(skipped.message, /^skipped: the run started 2026-11-30T02:00:00.000Z is still running \(running as pid 7 on scheduler-host\)$/);
        assert.equal((await attempt(20, (pid) => pid !== 7)).state, 'ok');
        assert.equal((await store.jobRuns.history('scan')).find((r) => r.id === live.run.id)?.state, 'failed');

        await store.jobRuns.start({ job: 'scan', at: at(30), note: ownerNote({ host: 'elsewhere', pid: 7 }), abandoned: never });
        assert.equal((await attempt(30 + 23 * 60, () => true)).state, 'skipped');
        assert.equal((await attempt(30 + 25 * 60, () => true)).state, 'ok');

        // Same host name and a pid that is alive again (a reused sandbox): age still frees the job.
        await store.jobRuns.start({ job: 'scan', at: at(2000), note: ownerNote(HERE), abandoned: never });
        assert.equal((await attempt(2000 + 23 * 60, () => true)).state, 'skipped');
        assert.equal((await attempt(2000 + 25 * 60, () => true)).state, 'ok');
        assert.equal(executed, 3);
      });
    });
  });
}
