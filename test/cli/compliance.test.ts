import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ComplianceReport } from '../../src/compliance/report.ts';
import { runCli } from './run-cli.ts';

const POLICY = new URL('../../examples/rampart.yaml', import.meta.url).pathname;

describe('rampart compliance on the sample organization', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-compliance-'));
  const db = join(dir, 'rampart.db');
  before(async () => {
    const demo = await runCli(['demo', '--db', db, '--policy', POLICY, '--now', '2026-11-20T06:00:00Z'], { cwd: dir });
    assert.equal(demo.code, 0, demo.stderr);
    assert.match(demo.stdout, /^compliance 2026-11-20 by .*rampart\.yaml: \d+\.\d% compliant \(\d+\/\d+ account-controls\) across 4 account\(s\)$/m);
  });
  after(() => rmSync(db.replace(/rampart\.db$/, ''), { recursive: true, force: true }));

  it('judges by the policy: exceptions, disabled controls, region scope, rates per account, OU and section', async () => {
    const r = await runCli(['compliance', '--as-of', '2026-11-20', '--db', db, '--policy', POLICY, '--now', '2026-11-20T07:00:00Z', '--json'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    const report = JSON.parse(r.stdout) as ComplianceReport;
    assert.equal(report.day, '2026-11-20');
    const dev = report.accounts.find((a) => a.id === '333333333333');
    const byControl = new Map(dev?.controls.map((c) => [c.control, c]));
    const http = byControl.get('cis-aws-3.0.0/2.1.1');
    assert.equal(http?.status, 'excepted');
    assert.deepEqual(http?.exceptions?.map((e) => [e.approver, e.expires]), [['ciso@example.com', '2027-03-31']]);
    assert.equal(byControl.get('cis-aws-3.0.0/1.17')?.status, 'disabled');
    // 3.1 judged "any": a multi-region trail in one region suffices.
    assert.ok(byControl.get('cis-aws-3.0.0/3.1'));
    const total = report.organization.compliant + report.organization.nonCompliant;
    assert.equal(report.organization.rate, report.organization.compliant / total);
    assert.ok(report.sections.some((s) => s.section === 'Identity and Access Management'));
    for (const a of report.accounts) {
      for (const c of a.controls.filter((x) => x.status === 'non_compliant')) assert.deepEqual(c.streak && { start: c.streak.start, days: c.streak.days }, { start: '2026-11-20', days: 1 });
    }
  });

  it('reads an earlier day as recorded and says when nothing was judged', async () => {
    const r = await runCli(['compliance', '--as-of', '2026-11-19', '--db', db, '--policy', POLICY, '--now', '2026-11-20T07:00:00Z'], { cwd: dir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^nothing judged on 2026-11-19\n/);
    assert.match(r.stdout, /No data on 2026-11-19 \(no scan or import covered them\): 111111111111, 222222222222, 333333333333, 444444444444/);
  });

  it('refuses a malformed day', async () => {
    const r = await runCli(['compliance', '--as-of', '2026-02-30', '--db', db], { cwd: dir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^rampart: .*'2026-02-30' is not a day like 2026-12-01/);
  });
});
