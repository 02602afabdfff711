import type { CredentialReport, CredentialReportRow } from '../../collect/inventory.ts';
import { parseDate } from './iam-days.ts';

/** The `user` value of the root row. */
export const ROOT_USER = '<root_account>';

// Values the report uses instead of a date: no password/key, never used, or not applicable to root.
const SENTINELS = new Set(['N/A', 'no_information', 'not_supported']);

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

/** The column as a date; undefined for a sentinel, an empty or a missing value. */
export function dateColumn(row: CredentialReportRow, column: string): Date | undefined {
  const v = row[column];
  return v === undefined || SENTINELS.has(v) ? undefined : parseDate(v);
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
