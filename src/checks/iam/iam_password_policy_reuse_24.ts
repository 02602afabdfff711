import type { AccountCheck } from '../types.ts';
import { accountResource, globalResult } from '../lib/iam-results.ts';

// 24 is the largest value the API accepts.
const REMEMBERED = 24;

const check: AccountCheck = {
  id: 'iam_password_policy_reuse_24',
  title: 'Password policy prevents reuse of the last 24 passwords',
  severity: 'medium',
  scope: 'account',
  reads: ['iam.passwordPolicy'],
  remediation:
    'Run `aws iam update-account-password-policy --password-reuse-prevention 24` with the other settings you keep ' +
    '(the call replaces the whole policy), or set it in IAM > Account settings > Password policy.',
  evaluate(ctx) {
    const resource = accountResource(ctx);
    const policy = ctx.global('iam.passwordPolicy');
    if (!policy) return [globalResult(resource, 'FAIL', 'the account has no IAM password policy')];
    const reuse = policy.PasswordReusePrevention;
    if (reuse === undefined) {
      return [globalResult(resource, 'FAIL', 'the password policy does not prevent password reuse')];
    }
    return reuse >= REMEMBERED
      ? [globalResult(resource, 'PASS', `the password policy prevents reuse of the last ${reuse} passwords`)]
      : [globalResult(resource, 'FAIL', `the password policy prevents reuse of only the last ${reuse} passwords (needs ${REMEMBERED})`)];
  },
};

export default check;
