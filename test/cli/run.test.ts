import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { currentOwner, ownerNote } from '../../src/schedule/owner.ts';
import { openStore } from '../../src/store/index.ts';
import { runCli } from './run-cli.ts';

const ENTRY = fileURLToPath(new URL('../../src/cli/entry.ts', import.meta.url));

const POLICY = `schedules:
  timezone: Europe/Berlin
  jobs:
    compliance: { cron: '30 5 * * *' }
    scan: { cron: '0 2 * * *', args: [--bogus] }
    notify: { cron: '*/5 * * * *' }
`;

describe('rampart run --once and rampart jobs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-run-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const policy = join(dir, 'rampart.yaml');
  writeFileSync(policy, POLICY);
  let n = 0;
  const freshDb = () => join(dir, `run-${++n}.db`);
  const runs = async (db: string, job: string) => {
    const store = await openStore(db);
    try {
      return await store.jobRuns.history(job);
    } finally {
      await store.close();
    }
  };

  it('runs a job now with its arguments and the same database, policy and clock, records it, and exits with its code', async () => {
    const db = freshDb();
    const ok = await runCli(['run', '--once', 'compliance', '--policy', policy, '--db', db, '--now', '2026-11-30T06:00:00Z']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /^Compliance on 2026-11-30: /m);
    assert.equal(ok.stderr, 'rampart: compliance: ok (exit 0)\n');
    const [run] = await runs(db, 'compliance');
    assert.deepEqual([run?.state, run?.message, run?.scheduledFor], ['ok', 'exit 0', undefined]);

    // Arguments after -- replace the policy's.
    const json = await runCli(['run', '--once', 'compliance', '--policy', policy, '--db', db, '--now', '2026-11-30T06:00:00Z', '--', '--json']);
    assert.equal(json.code, 0, json.stderr);
    assert.equal((JSON.parse(json.stdout) as { day: string }).day, '2026-11-30');
  });

  it('records a failing job as failed with its error, exit 1; --policy goes only to commands that take it', async () => {
    const db = freshDb();
    // scan takes no --policy: had it been passed on, the error would be about --policy.
    const scan = await runCli(['run', '--once', 'scan', '--policy', policy, '--db', db]);
    assert.equal(scan.code, 1);
    assert.equal(scan.stderr, "rampart: unknown option '--bogus'\nrampart: scan: failed (exit 1: unknown option '--bogus')\n");
    assert.deepEqual((await runs(db, 'scan')).map((r) => [r.state, r.message]), [['failed', "exit 1: unknown option '--bogus'"]]);
    // notify takes it, and this policy has no notifications.
    const notify = await runCli(['run', '--once', 'notify', '--policy', policy, '--db', db]);
    assert.equal(notify.code, 1);
    assert.deepEqual((await runs(db, 'notify')).map((r) => [r.state, r.message]), [['failed', `exit 1: ${policy} has no notifications: section`]]);
  });

  it('skips the job while a run of it is going on elsewhere: nothing runs, the skip is recorded and logged, exit 0', async () => {
    const db = freshDb();
    const store = await openStore(db);
    const holder = ownerNote(currentOwner());
    const since = new Date(Date.now() - 60_000);
    try {
      await store.jobRuns.start({ job: 'compliance', at: since, note: holder, abandoned: () => false });
    } finally {
      await store.close();
    }
    const skipped = await runCli(['run', '--once', 'compliance', '--policy', policy, '--db', db]);
    assert.equal(skipped.code, 0);
    assert.equal(skipped.stdout, '');
    assert.equal(skipped.stderr, `rampart: compliance: skipped: the run started ${since.toISOString()} is still running (${holder})\n`);
    assert.deepEqual((await runs(db, 'compliance')).map((r) => r.state), ['skipped', 'running']);
  });

  it('across processes: a run --once of a job another process is running is skipped; SIGTERM closes the running one as interrupted, exit 143', async () => {
    const db = freshDb();
    // An AWS endpoint that accepts connections and never answers keeps the scan going.
    const sockets: Socket[] = [];
    const blackhole = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => blackhole.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(blackhole.address() as { port: number }).port}`;
    const env = { ...process.env, AWS_ACCESS_KEY_ID: 'AKIAEMULATOR0000RUN1', AWS_SECRET_ACCESS_KEY: 'not-a-secret', AWS_REGION: 'us-east-1', AWS_PROFILE: '' };
    const first = spawn(process.execPath, [ENTRY, 'run', '--once', 'scan', '--db', db, '--', '--endpoint-url', endpoint, '--regions', 'us-east-1', '--no-progress'], { env, stdio: 'ignore' });
    const firstExit = new Promise<number | null>((resolve) => first.on('exit', (code) => resolve(code)));
    try {
      let held = false;
      for (let i = 0; i < 200 && !held; i++) {
        held = (await runs(db, 'scan').catch(() => [])).some((r) => r.state === 'running');
        if (!held) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(held, 'the first scan never started');
      const second = await runCli(['run', '--once', 'scan', '--db', db, '--', '--endpoint-url', endpoint], { env });
      assert.equal(second.code, 0);
      assert.match(second.stderr, new RegExp(`^rampart: scan: skipped: the run started \\S+ is still running \\(running as pid ${first.pid} on \\S+\\)\\n$`));
      first.kill('SIGTERM');
      assert.equal(await firstExit, 143);
    } finally {
      first.kill('SIGKILL');
      for (const s of sockets) s.destroy();
      blackhole.close();
    }
    assert.deepEqual((await runs(db, 'scan')).map((r) => [r.state, r.message?.replace(/started \S+ .*/, 'started …')]), [
      ['skipped', 'skipped: the run started …'],
      ['failed', 'interrupted by SIGTERM'],
    ]);
  });

  it('refuses bad input with one line, exit 1: no --once, unknown job, bad cron, bad time zone, unknown job in the policy', async () => {
    const cases: [string[], RegExp][] = [
      [['run', 'compliance', '--db', freshDb()], /^rampart: run needs --once: it runs one job now \(rampart serve runs the schedules\)\n$/],
      [['run', '--once', 'coffee', '--db', freshDb()], /^rampart: unknown job 'coffee'; known: scan, import-securityhub, import-guardduty, compliance, escalate, digest, notify, export-securityhub\n$/],
    ];
    const bad = {
      cron: ["schedules:\n  jobs:\n    scan: { cron: '61 * * * *' }\n", /^rampart: .*cron\.yaml:3:13: schedules\.jobs\.scan\.cron: not a cron expression: .*\n$/],
      zone: ["schedules:\n  timezone: Europe/Atlantis\n  jobs:\n    scan: { cron: '0 2 * * *' }\n", /^rampart: .*zone\.yaml:2:3: schedules\.timezone: unknown time zone 'Europe\/Atlantis' \(an IANA name like Europe\/Berlin\)\n$/],
      job: ["schedules:\n  jobs:\n    coffee: { cron: '0 9 * * *' }\n", /^rampart: .*job\.yaml:3:5: schedules\.jobs: unknown job 'coffee'; known: scan, .*\n$/],
    } as const;
    for (const [name, [text, expected]] of Object.entries(bad)) {
      const file = join(dir, `${name}.yaml`);
      writeFileSync(file, text);
      cases.push([['run', '--once', 'scan', '--policy', file, '--db', freshDb()], expected]);
      const check = await runCli(['policy', 'check', file]);
      assert.equal(check.code, 1, name);
      assert.match(check.stderr, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+: schedules\\..*\\nrampart: .*: 1 problem\\(s\\)\\n$`), name);
    }
    for (const [args, expected] of cases) {
      const r = await runCli(args);
      assert.equal(r.code, 1, args.join(' '));
      assert.match(r.stderr, expected);
    }
  });

  it('rampart jobs lists each job with its cron, next run in the time zone and how its last run went', async () => {
    const db = freshDb();
    await runCli(['run', '--once', 'scan', '--policy', policy, '--db', db]);
    const text = await runCli(['jobs', '--policy', policy, '--db', db, '--now', '2026-11-30T03:00:00Z']);
    assert.equal(text.code, 0, text.stderr);
    const lines = text.stdout.trimEnd().split('\n');
    assert.match(lines[0]!, /^JOB +CRON +NEXT RUN \(Europe\/Berlin\) +LAST RUN$/);
    assert.match(lines[1]!, /^compliance +30 5 \* \* \* +2026-11-30 05:30 +never$/);
    assert.match(lines[2]!, /^scan +0 2 \* \* \* +2026-12-01 02:00 +failed \d{4}-\d\d-\d\d \d\d:\d\d: exit 1: unknown option '--bogus'$/);
    assert.match(lines[3]!, /^notify +\*\/5 \* \* \* \* +2026-11-30 04:05 +never$/);
    const empty = join(dir, 'empty.yaml');
    writeFileSync(empty, 'frameworks: [cis-aws-3.0.0]\n');
    const none = await runCli(['jobs', '--policy', empty, '--db', db]);
    assert.deepEqual([none.code, none.stdout], [0, `${empty} has no schedules: section\n`]);
    const json = await runCli(['jobs', '--json', '--policy', policy, '--db', db, '--now', '2026-11-30T03:00:00Z']);
    const parsed = JSON.parse(json.stdout) as { timezone: string; jobs: { job: string; nextRun: string; lastRun: { state: string } | null }[] };
    assert.equal(parsed.timezone, 'Europe/Berlin');
    assert.deepEqual(parsed.jobs.map((j) => [j.job, j.nextRun, j.lastRun?.state ?? null]), [
      ['compliance', '2026-11-30T04:30:00.000Z', null],
      ['scan', '2026-12-01T01:00:00.000Z', 'failed'],
      ['notify', '2026-11-30T03:05:00.000Z', null],
    ]);
  });
});
