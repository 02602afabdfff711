import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderConsole } from '../../src/report/console.ts';
import { DEV, PROD, finding, sampleInput } from './fixtures.ts';

describe('renderConsole', () => {
  it('prints one line per account with counts and compliance, then totals and errors', () => {
    const out = renderConsole(sampleInput(), { color: false });
    const lines = out.split('\n');
    const prod = lines.find((l) => l.startsWith(PROD));
    const dev = lines.find((l) => l.startsWith(DEV));
    assert.ok(prod && dev, out);
    // columns: id, name, PASS, FAIL, ERROR, MANUAL, compliance
    assert.deepEqual(prod.split(/\s+/), [PROD, 'prod', '2', '2', '0', '1', '50.0%']);
    assert.deepEqual(dev.split(/\s+/), [DEV, 'dev', '3', '0', '1', '0', '100.0%']);
    const total = lines.find((l) => l.startsWith('Total'));
    assert.deepEqual(total?.split(/\s+/), ['Total', '5', '2', '1', '1', '71.4%']);
    assert.match(out, /Errors: 1 result\(s\) could not be evaluated, 0 problem\(s\)$/m);
    assert.match(out, /partial/);
    assert.ok(!out.includes('\u001b'), 'no colours unless asked');
  });

  it('lists the scan problems (at most 10) and what was not scanned', () => {
    const base = sampleInput();
    const errors = Array.from({ length: 12 }, (_, i) => ({ accountId: PROD, region: `us-east-${i}`, code: 'AccessDenied', message: `denied ${i}` }));
    const skipped = [
      { accountId: '555555555555', reason: 'account is suspended' },
      { accountId: PROD, region: 'ap-east-1', reason: 'opt-in region not enabled for this account' },
      { accountId: DEV, region: 'ap-east-1', reason: 'opt-in region not enabled for this account' },
    ];
    const out = renderConsole({ ...base, scan: { ...base.scan, errors, skipped } }, { color: false });
    assert.match(out, /12 problem\(s\):\n {2}\d{12} us-east-0 AccessDenied: denied 0\n/);
    assert.match(out, /us-east-9 AccessDenied: denied 9\n {2}… and 2 more \(rampart findings --status ERROR\)\n/);
    assert.ok(!out.includes('denied 10'));
    assert.match(out, /Not scanned: 1 account \(account is suspended\); 2 account-regions \(opt-in region not enabled for this account\)/);
  });

  it('colours only when asked', () => {
    assert.ok(renderConsole(sampleInput(), { color: true }).includes('\u001b[31m'));
  });

  it('shows n/a for an account with nothing judged and strips control characters from names', () => {
    const input = sampleInput({
      accounts: [{ id: PROD, name: 'evil\u001b[2Jname' }],
      findings: [finding({ checkId: 'a', accountId: PROD, status: 'MANUAL' })],
    });
    const out = renderConsole(input, { color: false });
    assert.ok(!out.includes('\u001b'));
    assert.match(out, new RegExp(`^${PROD}\\s+evil \\[2Jname\\s+0\\s+0\\s+0\\s+1\\s+n/a$`, 'm'));
  });
});
