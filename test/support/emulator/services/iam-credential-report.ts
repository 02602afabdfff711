import type { CredentialReport, CredentialReportRow } from '../../../../src/collect/inventory.ts';

const KEY_COLUMNS = (n: number) => [
  [`access_key_${n}_active`, 'false'],
  [`access_key_${n}_last_rotated`, 'N/A'],
  [`access_key_${n}_last_used_date`, 'N/A'],
  [`access_key_${n}_last_used_region`, 'N/A'],
  [`access_key_${n}_last_used_service`, 'N/A'],
];

/** The report of an account with nothing in it: the root user's row alone. */
export function emptyAccountReport(accountId: string, partition: string, generatedTime: string): CredentialReport {
  const root: CredentialReportRow = Object.fromEntries([
    ['user', '<root_account>'],
    ['arn', `arn:${partition}:iam::${accountId}:root`],
    ['user_creation_time', '2020-01-01T00:00:00+00:00'],
    ['password_enabled', 'not_supported'],
    ['password_last_used', 'no_information'],
    ['password_last_changed', 'not_supported'],
    ['password_next_rotation', 'not_supported'],
    ['mfa_active', 'false'],
    ...KEY_COLUMNS(1),
    ...KEY_COLUMNS(2),
    ['cert_1_active', 'false'],
    ['cert_1_last_rotated', 'N/A'],
    ['cert_2_active', 'false'],
    ['cert_2_last_rotated', 'N/A'],
  ]);
  return { generatedTime, rows: [root] };
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The report as IAM's CSV: the header lists the rows' keys in the order they first appear. */
export function reportCsv(rows: readonly CredentialReportRow[]): string {
  const header: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!header.includes(key)) header.push(key);
  const lines = [header, ...rows.map((row) => header.map((key) => row[key] ?? ''))];
  return lines.map((fields) => fields.map(csvField).join(',')).join('\n');
}
