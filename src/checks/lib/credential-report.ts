import type { CredentialReport, CredentialReportRow } from '../../collect/inventory.ts';
import { parseDate } from './iam-days.ts';

/** The `user` value of the root row. */
export const ROOT_USER = '<root_account>';

// Values the report uses instead of a date: no password/key, never used, or not applicable to root.
const SENTINELS = ['N/A', 'no_information', 'not_supported'];

// The report writes full timestamps with an offset (`2026-11-01T10:00:00+00:00`); Date.parse alone
// would also take `1` or `2026` as dates.
const REPORT_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

export function rootRow(report: CredentialReport): CredentialReportRow | undefined {
  return report.rows.find((r) => r.user === ROOT_USER);
}

/** Every row except the root row. */
export function userRows(report: CredentialReport): CredentialReportRow[] {
  return report.rows.filter((r) => r.user !== ROOT_USER);
}

export function isTrue(row: CredentialReportRow, column: string): boolean {
  return row[column] === 'true';
}

/** A date column as the report gives it: a date, a sentinel (no date), or a value that is neither. */
export type DateCell = { kind: 'date'; date: Date } | { kind: 'none' } | { kind: 'invalid'; problem: string };

export function dateCell(row: CredentialReportRow, column: string): DateCell {
  const v = row[column];
  if (v === undefined) return { kind: 'invalid', problem: `the credential report has no \`${column}\` column` };
  if (SENTINELS.includes(v)) return { kind: 'none' };
  const date = REPORT_DATE.test(v) ? parseDate(v) : undefined;
  if (date) return { kind: 'date', date };
  return { kind: 'invalid', problem: `the credential report gives \`${column}\` as \`${v}\`, neither a date nor N/A, no_information or not_supported` };
}

/**
 * The column as a date; undefined when it holds none, be it a sentinel or missing or bad data. Only
 * for callers that treat every undefined as unknown: where a sentinel decides the verdict, use `dateCell`.
 */
export function dateColumn(row: CredentialReportRow, column: string): Date | undefined {
  const cell = dateCell(row, column);
  return cell.kind === 'date' ? cell.date : undefined;
}

export function passwordEnabled(row: CredentialReportRow): boolean {
  return isTrue(row, 'password_enabled');
}

export interface AccessKeyColumns {
  /** 1 or 2, as in the column names. */
  n: number;
  active: boolean;
  /** Creation or last rotation; undefined when there is no key in this slot. */
  lastRotated: Date | undefined;
  /** undefined when the key was never used, or when the report holds no usable date. */
  lastUsed: Date | undefined;
  /** The report says `N/A`: the key has never been used. */
  neverUsed: boolean;
}

/** Both key slots of a row, present or not. */
export function accessKeys(row: CredentialReportRow): AccessKeyColumns[] {
  return [1, 2].map((n) => ({
    n,
    active: isTrue(row, `access_key_${n}_active`),
    lastRotated: dateColumn(row, `access_key_${n}_last_rotated`),
    lastUsed: dateColumn(row, `access_key_${n}_last_used_date`),
    neverUsed: row[`access_key_${n}_last_used_date`] === 'N/A',
  }));
}

export function activeKeys(row: CredentialReportRow): AccessKeyColumns[] {
  return accessKeys(row).filter((k) => k.active);
}
