import type { AccountCheck } from '../types.ts';
import { isTrue, passwordEnabled, userRows } from '../lib/credential-report.ts';
import { globalResult, userLabel, userResource } from '../lib/iam-results.ts';

const check: AccountCheck = {
  id: 'iam_user_console_mfa_enabled',
  title: 'IAM users with a console password have MFA',
  severity: 'high',
  scope: 'account',
  reads: ['iam.credentialReport'],
  remediation:
    'Assign an MFA device to the user (IAM > Users > user > Security credentials > Assign MFA device), ' +
    'or remove the console password with `aws iam delete-login-profile --user-name <user>` if it is not needed.',
  evaluate(ctx) {
    const report = ctx.global('iam.credentialReport');
    const evidence = { reportGeneratedAt: report.generatedTime };
    return userRows(report)
      .filter(passwordEnabled)
      .map((row) =>
        isTrue(row, 'mfa_active')
          ? globalResult(userResource(ctx, row), 'PASS', `${userLabel(row)} has a console password and MFA`, { evidence })
          : globalResult(userResource(ctx, row), 'FAIL', `${userLabel(row)} has a console password but no MFA device`, { evidence }),
      );
  },
};

export default check;
