import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.ts';
import { runCli } from './run-cli.ts';

test('the README path: demo writes every report and the findings command reads them back', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-demo-'));
  const demo = await runCli(['demo', '--format', 'html,csv,ocsf,asff', '--out', 'reports'], { cwd: dir });
  assert.equal(demo.code, 0, demo.stderr);
  assert.match(demo.stdout, /acme-management .*100\.0%/);
  assert.match(demo.stdout, /Not scanned: 1 account \(account is suspended\)/);
  const files = (await readdir(join(dir, 'reports'))).sort();
  assert.deepEqual(files.map((f) => f.replace(/^rampart-cis-aws-3\.0\.0-[0-9a-f-]+\./, '')), ['asff.json', 'csv', 'html', 'ocsf.jsonl']);
  const ocsf = (await readFile(join(dir, 'reports', files.find((f) => f.endsWith('.ocsf.jsonl'))!), 'utf8')).trim().split('\n');
  assert.ok(ocsf.every((line) => (JSON.parse(line) as { class_uid: number }).class_uid === 2003));

  const fails = await runCli(['findings', '--status', 'FAIL', '--account', '222222222222', '--json'], { cwd: dir });
  assert.equal(fails.code, 0, fails.stderr);
  const rows = JSON.parse(fails.stdout) as { id: string; status: string; accountId: string; firstSeen: string }[];
  assert.ok(rows.length > 5);
  assert.ok(rows.every((f) => f.status === 'FAIL' && f.accountId === '222222222222' && f.firstSeen));

  const scans = await runCli(['scans', '--json'], { cwd: dir });
  const recorded = JSON.parse(scans.stdout) as { source: string; actor: string; framework: string; accounts: string[]; counts: { FAIL: number }; errors: { code: string }[]; status: string }[];
  assert.equal(recorded.length, 1);
  assert.equal(recorded[0]!.source, 'demo');
  assert.equal(recorded[0]!.framework, 'cis-aws-3.0.0');
  assert.deepEqual(recorded[0]!.accounts, ['111111111111', '222222222222', '333333333333', '444444444444']);
  assert.ok(recorded[0]!.counts.FAIL > 0 && recorded[0]!.errors.some((e) => e.code === 'AccessDenied'));
  assert.match((await runCli(['scans'], { cwd: dir })).stdout, /demo\s+partial\s+cis-aws-3\.0\.0\s+4\s+3\s/);

  // The OUs a scan would learn from Organizations: the heat map and OU policies group by them.
  const store = await openStore(join(dir, 'rampart.db'));
  try {
    assert.deepEqual(
      (await store.accounts()).map((a) => [a.id, a.ouPath]),
      [
        ['111111111111', 'Root'],
        ['222222222222', 'Root/Workloads/Prod'],
        ['333333333333', 'Root/Workloads/Dev'],
        ['444444444444', 'Root/Sandbox'],
      ],
    );
  } finally {
    await store.close();
  }

  const again = await runCli(['demo'], { cwd: dir });
  assert.equal(again.code, 0, again.stderr);
  const after = JSON.parse((await runCli(['findings', '--status', 'FAIL', '--account', '222222222222', '--json'], { cwd: dir })).stdout) as { id: string; firstSeen: string }[];
  assert.deepEqual(after.map((f) => [f.id, f.firstSeen]).sort(), rows.map((f) => [f.id, f.firstSeen]).sort(), 're-running updates the same findings');
});

test('the same sample under CIS v1.4.0: the monitoring requirements are automated there, manual in v3.0.0', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'rampart-demo14-'));
  const v14 = await runCli(['demo', '--framework', 'cis-aws-1.4.0', '--format', 'csv', '--out', 'out'], { cwd: dir });
  assert.equal(v14.code, 0, v14.stderr);
  assert.match(v14.stdout, /v1\.4\.0/);
  const v3 = await runCli(['demo'], { cwd: dir });
  assert.equal(v3.code, 0, v3.stderr);
  const rows = (fw: string) =>
    runCli(['findings', '--framework', fw, '--check', 'monitoring_root_usage', '--account', '444444444444', '--json'], { cwd: dir }).then(
      (r) => JSON.parse(r.stdout) as { status: string; requirements: string[]; framework: string }[],
    );
  const [a] = await rows('cis-aws-1.4.0');
  const [b] = await rows('cis-aws-3.0.0');
  assert.deepEqual([a?.status, a?.requirements], ['FAIL', ['4.3']]);
  assert.deepEqual([b?.status, b?.requirements], ['MANUAL', ['4.3']]);
});
