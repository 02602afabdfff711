import { stringify } from 'csv-stringify/sync';
import type { Finding } from '../findings/model.ts';
import { reportAccounts } from './summary.ts';
import type { ReportInput } from './types.ts';

const HEADER = [
  'account_id',
  'account_name',
  'region',
  'framework',
  'requirements',
  'check_id',
  'status',
  'severity',
  'resource_type',
  'resource_id',
  'title',
  'reason',
  'error_code',
  'observed_at',
];

/**
 * A cell starting with one of these is read as a formula by spreadsheet programs (tab and carriage
 * return too, per OWASP's CSV injection guidance).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefixes a quote so a spreadsheet shows the text instead of evaluating it. */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One row per finding; every cell is treated as untrusted text. */
export function renderCsv(input: ReportInput): string {
  const names = new Map(reportAccounts(input).map((a) => [a.id, a.name]));
  const rows = input.findings.map((f) => row(f, names.get(f.accountId) ?? f.accountName ?? ''));
  return stringify([HEADER, ...rows.map((r) => r.map(neutralizeFormula))]);
}

function row(f: Finding, accountName: string): string[] {
  return [
    f.accountId,
    accountName,
    f.region,
    f.framework,
    f.requirements.join(' '),
    f.checkId,
    f.status,
    f.severity,
    f.resourceType,
    f.resourceId,
    f.title,
    f.reason,
    f.errorCode ?? '',
    f.observedAt,
  ];
}
