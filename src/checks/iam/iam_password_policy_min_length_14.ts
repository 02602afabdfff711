import type { AccountCheck } from '../types.ts';
import { accountResource, globalResult } from '../lib/iam-results.ts';

const MIN = 14;

const check: AccountCheck = {
  id: 'iam_password_policy_min_length_14',
  title: 'Password policy requires at least 14 characters',
  severity: 'medium',
  scope: 'account',
  reads: ['iam.passwordPolicy'],
  remediation:
    'Run `aws iam update-account-password-policy --minimum-password-length 14` with the other settings you keep ' +
    '(the call replaces the whole policy), or set it in IAM > Account settings > Password policy.',
  evaluate(ctx) {
    const resource = accountResource(ctx);
    const policy = ctx.global('iam.passwordPolicy');
    if (!policy) return [globalResult(resource, 'FAIL', 'the account has no IAM password policy')];
    const length = policy.MinimumPasswordLength;
    if (length === undefined) {
      return [globalResult(resource, 'FAIL', 'the password policy sets no minimum password length')];
    }
    return length >= MIN
      ? [globalResult(resource, 'PASS', `the password policy requires at least ${length} characters`)]
      : [globalResult(resource, 'FAIL', `the password policy requires only ${length} characters (needs ${MIN} or more)`)];
  },
};

export default check;
