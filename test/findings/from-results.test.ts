import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toFindings, manualCheckId } from '../../src/findings/from-results.ts';
import { findingId } from '../../src/findings/model.ts';
import type { Check } from '../../src/checks/types.ts';
import type { Framework } from '../../src/frameworks/types.ts';
import type { EvaluatedResult } from '../../src/checks/evaluate.ts';

const check = (id: string): Check => ({
  id,
  title: `title ${id}`,
  severity: 'high',
  scope: 'account',
  reads: ['iam.accountSummary'],
  remediation: 'fix it',
  evaluate: () => [],
});

const framework: Framework = {
  id: 'fw-1',
  name: 'Test',
  version: '1',
  requirements: [
    { id: '1.1', title: 'auto', section: 'S', level: 1, checks: ['auto_check'] },
    { id: '1.2', title: 'manual with evidence', section: 'S', level: 1, checks: ['evidence_check'], manual: true },
    { id: '1.3', title: 'manual only', section: 'S', level: 2, checks: [], manual: true },
  ],
};
const checks = new Map([check('auto_check'), check('evidence_check'), check('unmapped_check')].map((c) => [c.id, c]));
const result = (checkId: string, status: EvaluatedResult['status'], extra: Partial<EvaluatedResult> = {}): EvaluatedResult => ({
  checkId,
  status,
  region: 'global',
  resourceId: '111111111111',
  resourceType: 'AwsAccount',
  reason: `reason ${checkId}`,
  ...extra,
});

test('results become findings with stable ids, requirements and severity', () => {
  const [f] = toFindings(framework, checks, [result('auto_check', 'FAIL')], { id: '111111111111', name: 'prod' }, '2026-11-20T00:00:00.000Z');
  assert.equal(f!.id, findingId('rampart', 'auto_check', '111111111111', 'global', '111111111111', 'fw-1'));
  const other = toFindings({ ...framework, id: 'fw-2' }, checks, [result('auto_check', 'FAIL')], { id: '111111111111' }, 'now');
  assert.notEqual(other[0]!.id, f!.id, 'the same check judged under another framework is another finding');
  assert.equal(f!.status, 'FAIL');
  assert.deepEqual(f!.requirements, ['1.1']);
  assert.equal(f!.severity, 'high');
  assert.equal(f!.accountName, 'prod');
  assert.equal(f!.framework, 'fw-1');
});

test('a verdict on a manual requirement is reported as MANUAL with the evidence kept', () => {
  const out = toFindings(framework, checks, [result('evidence_check', 'FAIL')], { id: '111111111111' }, 'now');
  const f = out.find((x) => x.checkId === 'evidence_check')!;
  assert.equal(f.status, 'MANUAL');
  assert.match(f.reason, /automated evidence FAIL: reason evidence_check/);
  assert.deepEqual(f.evidence, { automatedStatus: 'FAIL' });
});

test('ERROR stays ERROR even on a manual requirement: missing data is never hidden', () => {
  const out = toFindings(framework, checks, [result('evidence_check', 'ERROR', { errorCode: 'AccessDenied' })], { id: '111111111111' }, 'now');
  const f = out.find((x) => x.checkId === 'evidence_check')!;
  assert.equal(f.status, 'ERROR');
  assert.equal(f.errorCode, 'AccessDenied');
});

test('requirements without checks yield one MANUAL finding per account; unmapped checks yield none', () => {
  const out = toFindings(framework, checks, [result('unmapped_check', 'FAIL')], { id: '222222222222' }, 'now');
  assert.equal(out.length, 1);
  assert.equal(out[0]!.checkId, manualCheckId(framework, framework.requirements[2]!));
  assert.equal(out[0]!.status, 'MANUAL');
  assert.deepEqual(out[0]!.requirements, ['1.3']);
});
