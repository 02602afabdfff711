import type { CredentialReport, CredentialReportRow } from '../../../src/collect/inventory.ts';
import { ok, TEST_NOW } from '../../support/checks.ts';

export const ACCOUNT = '111111111111';

/** ISO time `days` whole days (plus `hours`) before TEST_NOW. */
export function daysAgo(days: number, hours = 0): string {
  return new Date(TEST_NOW.getTime() - (days * 24 + hours) * 3_600_000).toISOString();
}

const EMPTY_USER: CredentialReportRow = {
  user_creation_time: daysAgo(400),
  password_enabled: 'false',
  password_last_used: 'N/A',
  password_last_changed: 'N/A',
  password_next_rotation: 'N/A',
  mfa_active: 'false',
  access_key_1_active: 'false',
  access_key_1_last_rotated: 'N/A',
  access_key_1_last_used_date: 'N/A',
  access_key_1_last_used_region: 'N/A',
  access_key_1_last_used_service: 'N/A',
  access_key_2_active: 'false',
  access_key_2_last_rotated: 'N/A',
  access_key_2_last_used_date: 'N/A',
  access_key_2_last_used_region: 'N/A',
  access_key_2_last_used_service: 'N/A',
  cert_1_active: 'false',
  cert_1_last_rotated: 'N/A',
  cert_2_active: 'false',
  cert_2_last_rotated: 'N/A',
};

export const userArn = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;

/** A credential-report row for an IAM user with no credentials, with `over` applied. */
export function userRow(name: string, over: CredentialReportRow = {}): CredentialReportRow {
  return { user: name, arn: userArn(name), ...EMPTY_USER, ...over };
}

export function rootRow(over: CredentialReportRow = {}): CredentialReportRow {
  return {
    user: '<root_account>',
    arn: `arn:aws:iam::${ACCOUNT}:root`,
    ...EMPTY_USER,
    password_enabled: 'not_supported',
    password_last_used: 'no_information',
    password_last_changed: 'not_supported',
    password_next_rotation: 'not_supported',
    mfa_active: 'true',
    ...over,
  };
}

/** A console user: password set 100 days ago, used yesterday. */
export const CONSOLE: CredentialReportRow = {
  password_enabled: 'true',
  password_last_changed: daysAgo(100),
  password_last_used: daysAgo(1),
};

/** An active access key in slot `n`, created `createdDaysAgo` and last used `usedDaysAgo` (undefined: never). */
export function key(n: 1 | 2, createdDaysAgo: number, usedDaysAgo?: number, active = true): CredentialReportRow {
  return {
    [`access_key_${n}_active`]: String(active),
    [`access_key_${n}_last_rotated`]: daysAgo(createdDaysAgo),
    [`access_key_${n}_last_used_date`]: usedDaysAgo === undefined ? 'N/A' : daysAgo(usedDaysAgo),
  };
}

export function report(...rows: CredentialReportRow[]) {
  const data: CredentialReport = { generatedTime: daysAgo(0, 2), rows: [rootRow(), ...rows] };
  return { 'iam.credentialReport': ok(data) };
}

/** Like `report`, with a root row of your own instead of the default one. */
export function reportWithRoot(root: CredentialReportRow, ...rows: CredentialReportRow[]) {
  const data: CredentialReport = { generatedTime: daysAgo(0, 2), rows: [root, ...rows] };
  return { 'iam.credentialReport': ok(data) };
}
