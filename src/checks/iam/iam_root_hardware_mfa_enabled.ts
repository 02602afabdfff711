import type { AccountCheck } from '../types.ts';
import { accountResource, globalResult, INCOMPLETE } from '../lib/iam-results.ts';

const check: AccountCheck = {
  id: 'iam_root_hardware_mfa_enabled',
  title: 'Root user uses a hardware MFA device',
  severity: 'critical',
  scope: 'account',
  reads: ['iam.accountSummary', 'iam.virtualMfaDevices'],
  remediation:
    'Sign in as the root user, open Security credentials > Multi-factor authentication (MFA), assign a hardware ' +
    'TOTP token or FIDO security key, then remove the virtual MFA device.',
  evaluate(ctx) {
    const resource = accountResource(ctx);
    const enabled = ctx.global('iam.accountSummary').AccountMFAEnabled;
    if (enabled === undefined) {
      return [globalResult(resource, 'ERROR', 'the IAM account summary has no AccountMFAEnabled value', { errorCode: INCOMPLETE })];
    }
    if (enabled !== 1) return [globalResult(resource, 'FAIL', 'root user has no MFA device at all')];
    // The root user's virtual device carries a fixed serial, or is assigned to the `:root` principal.
    const rootSerial = `arn:${ctx.partition}:iam::${ctx.accountId}:mfa/root-account-mfa-device`;
    const virtual = ctx
      .global('iam.virtualMfaDevices')
      .filter((d) => d.SerialNumber === rootSerial || d.User?.Arn?.endsWith(':root'));
    if (virtual.length) {
      const serials = virtual.map((d) => `\`${d.SerialNumber ?? '?'}\``).join(', ');
      return [globalResult(resource, 'FAIL', `root user MFA is a virtual device (${serials}), not hardware`)];
    }
    return [globalResult(resource, 'PASS', 'root user has MFA and none of it is a virtual device')];
  },
};

export default check;
