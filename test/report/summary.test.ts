import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Requirement } from '../../src/frameworks/types.ts';
import { compliancePercent, emptyCounts, formatPercent, requirementStatus, summarize } from '../../src/report/summary.ts';
import { DEV, FRAMEWORK, PROD, finding, sampleInput } from './fixtures.ts';

const automated: Requirement = { id: '9.9', title: 't', section: 's', level: 1, checks: ['c'] };
const manual: Requirement = { ...automated, manual: true };

describe('summarize', () => {
  it('counts results per account and computes PASS ÷ (PASS + FAIL)', () => {
    const s = summarize(sampleInput());
    const prod = s.accounts.find((a) => a.id === PROD);
    const dev = s.accounts.find((a) => a.id === DEV);
    assert.deepEqual(prod?.counts, { PASS: 2, FAIL: 2, MANUAL: 1, NOT_APPLICABLE: 0, ERROR: 0 });
    assert.equal(prod?.compliance, 50);
    assert.equal(prod?.name, 'prod');
    assert.deepEqual(dev?.counts, { PASS: 3, FAIL: 0, MANUAL: 0, NOT_APPLICABLE: 0, ERROR: 1 });
    assert.equal(dev?.compliance, 100);
    assert.deepEqual(s.totals.counts, { PASS: 5, FAIL: 2, MANUAL: 1, NOT_APPLICABLE: 0, ERROR: 1 });
    assert.equal(s.totals.compliance, (5 / 7) * 100);
  });

  it('gives null compliance when nothing was judged', () => {
    const input = sampleInput({
      findings: [
        finding({ checkId: 'a', accountId: PROD, status: 'MANUAL' }),
        finding({ checkId: 'b', accountId: PROD, status: 'ERROR' }),
        finding({ checkId: 'c', accountId: PROD, status: 'NOT_APPLICABLE' }),
      ],
    });
    const s = summarize(input);
    assert.equal(s.accounts.find((a) => a.id === PROD)?.compliance, null);
    assert.equal(s.accounts.find((a) => a.id === DEV)?.compliance, null);
    assert.equal(s.totals.compliance, null);
    assert.equal(formatPercent(null), 'n/a');
  });

  it('derives a status per requirement and account', () => {
    const s = summarize(sampleInput());
    const status = (req: string, acct: string) => s.requirements.find((r) => r.requirement.id === req)?.byAccount.get(acct);
    assert.equal(status('1.4', PROD), 'FAIL');
    assert.equal(status('1.4', DEV), 'PASS');
    assert.equal(status('3.7', PROD), 'FAIL', 'one failing VPC fails the requirement');
    assert.equal(status('3.7', DEV), 'ERROR', 'an error in one region keeps it from passing');
    assert.equal(status('1.3', PROD), 'MANUAL');
    assert.equal(status('1.3', DEV), 'MANUAL', 'a manual requirement is MANUAL even with no results');
    assert.deepEqual(
      s.requirements.map((r) => r.requirement.id),
      FRAMEWORK.requirements.map((r) => r.id),
    );
  });

  it('orders requirement statuses FAIL > ERROR > MANUAL > PASS > NOT_APPLICABLE', () => {
    assert.equal(requirementStatus(manual, ['PASS', 'ERROR', 'FAIL']), 'FAIL');
    assert.equal(requirementStatus(manual, ['PASS', 'ERROR']), 'ERROR');
    assert.equal(requirementStatus(manual, ['PASS']), 'MANUAL');
    assert.equal(requirementStatus(automated, ['PASS', 'NOT_APPLICABLE']), 'PASS');
    assert.equal(requirementStatus(automated, ['NOT_APPLICABLE']), 'NOT_APPLICABLE');
    assert.equal(requirementStatus(automated, []), 'NOT_APPLICABLE');
  });

  it('ignores findings judged under another framework for requirement status', () => {
    const input = sampleInput({
      findings: [finding({ checkId: 'x', accountId: PROD, status: 'FAIL', framework: 'cis-aws-1.4.0', requirements: ['1.4'] })],
    });
    const s = summarize(input);
    assert.equal(s.requirements.find((r) => r.requirement.id === '1.4')?.byAccount.get(PROD), 'NOT_APPLICABLE');
  });

  it('adds accounts that only appear in findings', () => {
    const s = summarize(sampleInput({ accounts: [], findings: [finding({ checkId: 'x', accountId: '333333333333', accountName: 'sandbox', status: 'PASS' })] }));
    assert.deepEqual(s.accounts.map((a) => [a.id, a.name]), [['333333333333', 'sandbox']]);
  });

  it('never rounds a failure up to 100%', () => {
    const counts = { ...emptyCounts(), PASS: 9999, FAIL: 1 };
    assert.equal(formatPercent(compliancePercent(counts)), '99.9%');
    assert.equal(formatPercent(100), '100.0%');
  });
});
