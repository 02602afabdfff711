import type { CredentialReportRow } from '../../collect/inventory.ts';
import type { AccountCheck } from '../types.ts';
import { activeKeys, dateColumn, passwordEnabled, userRows } from '../lib/credential-report.ts';
import { day, daysSince } from '../lib/iam-days.ts';
import { globalResult, INCOMPLETE, userLabel, userResource } from '../lib/iam-results.ts';

const MAX_UNUSED_DAYS = 45;

/** A credential and the date it was last used (or, if never used, set up); undefined when unknown. */
interface Credential {
  name: string;
  since: Date | undefined;
  /** How `since` was found, for the reason: "last used" or "never used, set". */
  basis: string;
}

function credentials(row: CredentialReportRow): Credential[] {
  const out: Credential[] = [];
  if (passwordEnabled(row)) {
    const used = dateColumn(row, 'password_last_used');
    out.push(
      row.password_last_used === 'no_information'
        ? { name: 'password', since: dateColumn(row, 'password_last_changed'), basis: 'never used, set' }
        : { name: 'password', since: used, basis: 'last used' },
    );
  }
  for (const k of activeKeys(row)) {
    out.push(
      k.neverUsed
        ? { name: `access key ${k.n}`, since: k.lastRotated, basis: 'never used, created' }
        : { name: `access key ${k.n}`, since: k.lastUsed, basis: 'last used' },
    );
  }
  return out;
}

const check: AccountCheck = {
  id: 'iam_credentials_unused_45_days_disabled',
  title: 'Credentials unused for 45 days or more are disabled',
  severity: 'medium',
  scope: 'account',
  reads: ['iam.credentialReport'],
  remediation:
    'Deactivate stale access keys (`aws iam update-access-key --user-name <user> --access-key-id <id> --status Inactive`) ' +
    'and remove unused console passwords (`aws iam delete-login-profile --user-name <user>`).',
  evaluate(ctx) {
    const report = ctx.global('iam.credentialReport');
    const evidence = { reportGeneratedAt: report.generatedTime };
    return userRows(report).map((row) => {
      const resource = userResource(ctx, row);
      const who = userLabel(row);
      const creds = credentials(row);
      if (!creds.length) {
        return globalResult(resource, 'PASS', `${who} has no console password and no active access key`, { evidence });
      }
      const aged = creds.flatMap((c) => (c.since ? [{ ...c, since: c.since, age: daysSince(c.since, ctx.now) }] : []));
      const stale = aged.filter((c) => c.age >= MAX_UNUSED_DAYS);
      if (stale.length) {
        const list = stale.map((c) => `${c.name} unused for ${c.age} days (${c.basis} ${day(c.since)})`);
        return globalResult(resource, 'FAIL', `${who} has credentials unused for ${MAX_UNUSED_DAYS} days or more: ${list.join(', ')}`, { evidence });
      }
      const unknown = creds.filter((c) => !c.since);
      if (unknown.length) {
        const names = unknown.map((c) => c.name).join(', ');
        return globalResult(resource, 'ERROR', `${who}: the credential report gives no last-use or creation date for ${names}`, {
          evidence,
          errorCode: INCOMPLETE,
        });
      }
      const list = aged.map((c) => `${c.name} ${c.age} days ago`);
      return globalResult(resource, 'PASS', `${who} used every active credential within ${MAX_UNUSED_DAYS} days: ${list.join(', ')}`, { evidence });
    });
  },
};

export default check;
