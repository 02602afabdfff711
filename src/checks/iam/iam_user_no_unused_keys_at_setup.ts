import type { AccountCheck } from '../types.ts';
import { activeKeys, passwordEnabled, userRows } from '../lib/credential-report.ts';
import { day } from '../lib/iam-days.ts';
import { globalResult, userLabel, userResource } from '../lib/iam-results.ts';

const check: AccountCheck = {
  id: 'iam_user_no_unused_keys_at_setup',
  title: 'No unused access keys created at console user setup',
  severity: 'low',
  scope: 'account',
  reads: ['iam.credentialReport'],
  remediation:
    'Delete access keys that were never used: `aws iam delete-access-key --user-name <user> --access-key-id <id>`; ' +
    'create keys only when the user needs programmatic access.',
  evaluate(ctx) {
    const report = ctx.global('iam.credentialReport');
    const evidence = { reportGeneratedAt: report.generatedTime };
    return userRows(report)
      .filter(passwordEnabled)
      .map((row) => {
        const unused = activeKeys(row).filter((k) => k.neverUsed);
        if (!unused.length) {
          return globalResult(userResource(ctx, row), 'PASS', `${userLabel(row)} has no active access key that was never used`, { evidence });
        }
        const keys = unused.map((k) => `access key ${k.n}${k.lastRotated ? ` (created ${day(k.lastRotated)})` : ''}`);
        return globalResult(
          userResource(ctx, row),
          'FAIL',
          `${userLabel(row)} has a console password and an active access key that was never used: ${keys.join(', ')}`,
          { evidence },
        );
      });
  },
};

export default check;
