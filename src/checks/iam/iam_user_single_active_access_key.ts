import type { AccountCheck } from '../types.ts';
import { activeKeys } from '../lib/credential-report.ts';
import { day } from '../lib/iam-days.ts';
import { globalResult, userLabel, userResource } from '../lib/iam-results.ts';

const check: AccountCheck = {
  id: 'iam_user_single_active_access_key',
  title: 'Each IAM user has at most one active access key',
  severity: 'medium',
  scope: 'account',
  reads: ['iam.credentialReport'],
  remediation:
    'Move every client to one key, then deactivate the other: ' +
    '`aws iam update-access-key --user-name <user> --access-key-id <id> --status Inactive`.',
  evaluate(ctx) {
    const report = ctx.global('iam.credentialReport');
    const evidence = { reportGeneratedAt: report.generatedTime };
    return report.rows.flatMap((row) => {
      const keys = activeKeys(row);
      if (!keys.length) return [];
      const resource = userResource(ctx, row);
      if (keys.length === 1) return [globalResult(resource, 'PASS', `${userLabel(row)} has one active access key`, { evidence })];
      const list = keys.map((k) => `key ${k.n}${k.lastRotated ? ` created ${day(k.lastRotated)}` : ''}`);
      return [globalResult(resource, 'FAIL', `${userLabel(row)} has ${keys.length} active access keys (${list.join(', ')})`, { evidence })];
    });
  },
};

export default check;
