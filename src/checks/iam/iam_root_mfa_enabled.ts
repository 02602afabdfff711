import type { AccountCheck } from '../types.ts';
import { accountResource, globalResult, INCOMPLETE } from '../lib/iam-results.ts';

const check: AccountCheck = {
  id: 'iam_root_mfa_enabled',
  title: 'Root user has MFA enabled',
  severity: 'critical',
  scope: 'account',
  reads: ['iam.accountSummary'],
  remediation:
    'Sign in as the root user, open Security credentials > Multi-factor authentication (MFA), and assign an MFA device ' +
    '(a hardware key is preferred).',
  evaluate(ctx) {
    const resource = accountResource(ctx);
    const enabled = ctx.global('iam.accountSummary').AccountMFAEnabled;
    if (enabled === undefined) {
      return [globalResult(resource, 'ERROR', 'the IAM account summary has no AccountMFAEnabled value', { errorCode: INCOMPLETE })];
    }
    return enabled === 1
      ? [globalResult(resource, 'PASS', 'root user has MFA enabled')]
      : [globalResult(resource, 'FAIL', 'root user has no MFA device')];
  },
};

export default check;
