import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.ts';

const dir = await mkdtemp(join(tmpdir(), 'rampart-cli-'));
const db = join(dir, 'r.db');
await writeFile(join(dir, 'broken.json.gz'), 'not an inventory');

const cases: [string, string[], RegExp][] = [
  ['unknown framework', ['scan', '--accounts', '111111111111', '--framework', 'cis-aws-9.9.9', '--db', db], /unknown framework 'cis-aws-9\.9\.9'; known: cis-aws-3\.0\.0, cis-aws-1\.4\.0/],
  ['malformed account id', ['scan', '--accounts', '11111111111x', '--db', db], /malformed account id '11111111111x'/],
  ['unknown region', ['scan', '--accounts', '111111111111', '--regions', 'us-east-1,mars-1', '--db', db], /unknown region 'mars-1'/],
  ['unknown report format', ['demo', '--format', 'html,pdf', '--db', db], /unknown format 'pdf'/],
  ['unknown severity', ['demo', '--fail-on', 'urgent', '--db', db], /unknown severity 'urgent'/],
  ['--org with --accounts', ['scan', '--org', '--accounts', '111111111111', '--db', db], /--org and --accounts cannot be combined/],
  ['bad endpoint', ['scan', '--org', '--endpoint-url', 'not a url', '--db', db], /--endpoint-url 'not a url' is not a URL/],
  ['unreadable inventory', ['evaluate', '--inventory', join(dir, 'missing.json.gz'), '--db', db], /cannot read inventory .*missing\.json\.gz: ENOENT/],
  ['malformed inventory', ['evaluate', '--inventory', join(dir, 'broken.json.gz'), '--db', db], /cannot read inventory .*broken\.json\.gz: not valid JSON/],
  ['unknown option', ['scan', '--orgs'], /unknown option '--orgs'/],
  ['unwritable --out', ['demo', '--format', 'csv', '--out', join(dir, 'broken.json.gz', 'reports'), '--db', db], /cannot write reports to .*broken\.json\.gz\/reports: (ENOTDIR|EEXIST)/],
  ['unwritable --inventory-out', ['scan', '--accounts', '111111111111', '--inventory-out', join(dir, 'missing-dir', 'inv.json.gz'), '--db', db], /cannot write inventory .*missing-dir\/inv\.json\.gz: ENOENT/],
  ['bad --now', ['evaluate', '--inventory', 'x', '--now', 'yesterday', '--db', db], /'yesterday' is not an ISO date-time/],
];

for (const [name, args, message] of cases) {
  test(`bad input: ${name} → one-line error, exit 1, nothing written`, async () => {
    const r = await runCli(args, { cwd: dir });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, message);
    assert.match(r.stderr, /^rampart: /);
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, `more than one line: ${r.stderr}`);
    assert.equal(existsSync(db), false, 'the database must not be created');
    assert.equal(existsSync(join(dir, 'rampart.db')), false);
  });
}

test('a database that does not connect: one line, password masked, exit 1', async () => {
  const r = await runCli(['demo', '--db', 'postgres://rampart:s3cret-pw@127.0.0.1:1/rampart'], { cwd: dir });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^rampart: cannot open database postgres:\/\/rampart:\*\*\*@127\.0\.0\.1:1\/rampart: .*ECONNREFUSED/);
  assert.doesNotMatch(r.stderr, /s3cret-pw/);
  assert.equal(r.stderr.trimEnd().split('\n').length, 1);
});

test('--help lists the commands and scan --help its options', async () => {
  const top = await runCli(['--help']);
  assert.equal(top.code, 0);
  for (const c of ['scan', 'evaluate', 'findings', 'demo']) assert.match(top.stdout, new RegExp(`\\b${c}\\b`));
  const scan = await runCli(['scan', '--help']);
  assert.equal(scan.code, 0);
  for (const o of ['--org', '--accounts', '--regions', '--exclude-regions', '--role-name', '--external-id', '--framework', '--format', '--out', '--inventory-out', '--fail-on', '--db', '--endpoint-url']) {
    assert.ok(scan.stdout.includes(o), `scan --help lacks ${o}`);
  }
});
