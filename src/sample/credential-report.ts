import type { CredentialReport, CredentialReportRow } from '../collect/inventory.ts';
import type { AccountContext } from './context.ts';
import { iamArn } from './context.ts';
import type { SampleKey, SampleUser } from './users.ts';

/** The 22 columns of the IAM credential report, in the order AWS writes them. */
export const CREDENTIAL_REPORT_COLUMNS = [
  'user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed',
  'password_next_rotation', 'mfa_active', 'access_key_1_active', 'access_key_1_last_rotated',
  'access_key_1_last_used_date', 'access_key_1_last_used_region', 'access_key_1_last_used_service',
  'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date',
  'access_key_2_last_used_region', 'access_key_2_last_used_service', 'cert_1_active', 'cert_1_last_rotated',
  'cert_2_active', 'cert_2_last_rotated',
] as const;

type Column = (typeof CREDENTIAL_REPORT_COLUMNS)[number];

/** Builds a row with every column present, in header order (the emulator writes the CSV from it). */
function row(values: Partial<Record<Column, string>>): CredentialReportRow {
  const out: CredentialReportRow = {};
  for (const c of CREDENTIAL_REPORT_COLUMNS) out[c] = values[c] ?? 'N/A';
  return out;
}

function keyColumns(ctx: AccountContext, n: 1 | 2, key: SampleKey | null): Partial<Record<Column, string>> {
  const p = `access_key_${n}` as const;
  if (!key) return { [`${p}_active`]: 'false' };
  const used = key.lastUsedDaysAgo;
  return {
    [`${p}_active`]: String(key.active),
    [`${p}_last_rotated`]: ctx.clock.agoReport(key.rotatedDaysAgo),
    [`${p}_last_used_date`]: used === null ? 'N/A' : ctx.clock.agoReport(used),
    [`${p}_last_used_region`]: used === null ? 'N/A' : key.lastUsedRegion,
    [`${p}_last_used_service`]: used === null ? 'N/A' : key.lastUsedService,
  };
}

const NO_CERTS = { cert_1_active: 'false', cert_2_active: 'false' };

function rootRow(ctx: AccountContext): CredentialReportRow {
  const { root } = ctx.profile;
  const { clock, rng } = ctx;
  const created = 1200 + rng.int(0, 1500);
  const rootKey = (i: number): SampleKey | null =>
    root.accessKeys > i
      ? {
          active: true,
          rotatedDaysAgo: rng.int(400, 1100) + rng.next(),
          lastUsedDaysAgo: root.lastUsedDaysAgo === null ? null : root.lastUsedDaysAgo + rng.next() / 2,
          lastUsedRegion: ctx.homeRegion,
          lastUsedService: 's3',
        }
      : null;
  const usedByPassword = root.accessKeys === 0 && root.lastUsedDaysAgo !== null;
  return row({
    user: '<root_account>',
    arn: iamArn(ctx, 'root'),
    user_creation_time: clock.agoReport(created + rng.next()),
    password_enabled: 'not_supported',
    password_last_used: usedByPassword ? clock.agoReport((root.lastUsedDaysAgo as number) + rng.next() / 2) : 'no_information',
    password_last_changed: 'not_supported',
    password_next_rotation: 'not_supported',
    mfa_active: String(root.mfa !== 'none'),
    ...keyColumns(ctx, 1, rootKey(0)),
    ...keyColumns(ctx, 2, rootKey(1)),
    ...NO_CERTS,
  });
}

function userRow(ctx: AccountContext, u: SampleUser, maxPasswordAge: number | undefined): CredentialReportRow {
  const { clock } = ctx;
  const password = u.console
    ? {
        password_enabled: 'true',
        password_last_used: u.passwordLastUsedDaysAgo === null ? 'no_information' : clock.agoReport(u.passwordLastUsedDaysAgo),
        password_last_changed: clock.agoReport(u.passwordChangedDaysAgo),
        password_next_rotation: maxPasswordAge ? clock.agoReport(u.passwordChangedDaysAgo - maxPasswordAge) : 'N/A',
      }
    : { password_enabled: 'false' };
  return row({
    user: u.name,
    arn: u.arn,
    user_creation_time: clock.agoReport(u.createdDaysAgo),
    ...password,
    mfa_active: String(u.mfa),
    ...keyColumns(ctx, 1, u.keys[0]),
    ...keyColumns(ctx, 2, u.keys[1]),
    ...NO_CERTS,
  });
}

export function credentialReport(ctx: AccountContext, users: SampleUser[], maxPasswordAge: number | undefined): CredentialReport {
  return {
    generatedTime: ctx.clock.ago(0.05),
    rows: [rootRow(ctx), ...users.map((u) => userRow(ctx, u, maxPasswordAge))],
  };
}
