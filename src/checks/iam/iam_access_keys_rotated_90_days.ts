import type { AccountCheck } from '../types.ts';
import { activeKeys, userRows } from '../lib/credential-report.ts';
import { day, daysSince } from '../lib/iam-days.ts';
import { globalResult, INCOMPLETE, userLabel, userResource } from '../lib/iam-results.ts';

const MAX_AGE_DAYS = 90;

const check: AccountCheck = {
  id: 'iam_access_keys_rotated_90_days',
  title: 'Active access keys are rotated every 90 days or less',
  severity: 'medium',
  scope: 'account',
  reads: ['iam.credentialReport'],
  remediation:
    'Create a new key (`aws iam create-access-key --user-name <user>`), move clients to it, then deactivate and delete ' +
    'the old one (`aws iam update-access-key ... --status Inactive`, `aws iam delete-access-key ...`).',
  evaluate(ctx) {
    const report = ctx.global('iam.credentialReport');
    const evidence = { reportGeneratedAt: report.generatedTime };
    return userRows(report).flatMap((row) => {
      const keys = activeKeys(row);
      if (!keys.length) return [];
      const resource = userResource(ctx, row);
      const who = userLabel(row);
      const aged = keys.flatMap((k) => (k.lastRotated ? [{ n: k.n, rotated: k.lastRotated, age: daysSince(k.lastRotated, ctx.now) }] : []));
      const old = aged.filter((k) => k.age > MAX_AGE_DAYS);
      if (old.length) {
        const list = old.map((k) => `access key ${k.n} is ${k.age} days old (rotated ${day(k.rotated)})`);
        return [globalResult(resource, 'FAIL', `${who} has access keys older than ${MAX_AGE_DAYS} days: ${list.join(', ')}`, { evidence })];
      }
      if (aged.length < keys.length) {
        const names = keys.filter((k) => !k.lastRotated).map((k) => `access key ${k.n}`).join(', ');
        return [globalResult(resource, 'ERROR', `${who}: the credential report gives no rotation date for active ${names}`, { evidence, errorCode: INCOMPLETE })];
      }
      const list = aged.map((k) => `access key ${k.n} is ${k.age} days old`);
      return [globalResult(resource, 'PASS', `${who} rotated every active key within ${MAX_AGE_DAYS} days: ${list.join(', ')}`, { evidence })];
    });
  },
};

export default check;
