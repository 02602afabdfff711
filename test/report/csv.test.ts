import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { neutralizeFormula, renderCsv } from '../../src/report/csv.ts';
import { PROD, finding, sampleFindings, sampleInput } from './fixtures.ts';

function rows(text: string): Record<string, string>[] {
  return parse(text, { columns: true }) as Record<string, string>[];
}

describe('renderCsv', () => {
  it('writes a header and one row per finding', () => {
    const text = renderCsv(sampleInput());
    const parsed = rows(text);
    assert.equal(parsed.length, sampleFindings().length);
    assert.deepEqual(Object.keys(parsed[0] ?? {}), [
      'account_id', 'account_name', 'region', 'framework', 'requirements', 'check_id', 'status', 'severity',
      'resource_type', 'resource_id', 'title', 'reason', 'error_code', 'observed_at',
    ]);
    const err = parsed.find((r) => r.status === 'ERROR');
    assert.equal(err?.error_code, 'AccessDenied');
    assert.equal(err?.account_name, 'dev');
    assert.equal(parsed[0]?.requirements, '1.4');
  });

  it('quotes commas, quotes and newlines so they round-trip', () => {
    const reason = 'policy "a,b"\nallows *:*';
    const text = renderCsv(sampleInput({ findings: [finding({ checkId: 'x', accountId: PROD, status: 'FAIL', reason })] }));
    assert.ok(text.includes('"policy ""a,b""\nallows *:*"'), text);
    assert.equal(rows(text)[0]?.reason, reason);
  });

  it('neutralises spreadsheet formulas in untrusted text', () => {
    const f = finding({
      checkId: 'x',
      accountId: PROD,
      status: 'FAIL',
      reason: '=HYPERLINK("http://evil.example","click")',
      resourceId: '+cmd|calc',
      title: '@SUM(A1)',
    });
    const input = sampleInput({ accounts: [{ id: PROD, name: '-2+3' }], findings: [f] });
    const row = rows(renderCsv(input))[0];
    assert.equal(row?.reason, `'=HYPERLINK("http://evil.example","click")`);
    assert.equal(row?.resource_id, "'+cmd|calc");
    assert.equal(row?.title, "'@SUM(A1)");
    assert.equal(row?.account_name, "'-2+3");
    assert.equal(row?.account_id, PROD);
  });

  it('leaves ordinary text alone', () => {
    assert.equal(neutralizeFormula('trail `main` is not multi-region'), 'trail `main` is not multi-region');
    assert.equal(neutralizeFormula('\tx'), "'\tx");
  });
});
