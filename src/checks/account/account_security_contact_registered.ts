import type { AccountCheck } from '../types.ts';
import { accountResource, globalResult } from '../lib/iam-results.ts';

const REQUIRED = [
  ['Name', 'name'],
  ['EmailAddress', 'email address'],
  ['PhoneNumber', 'phone number'],
] as const;

const check: AccountCheck = {
  id: 'account_security_contact_registered',
  title: 'Security alternate contact is registered',
  severity: 'medium',
  scope: 'account',
  reads: ['account.securityContact'],
  remediation:
    'Register a security contact in the console under Account > Alternate contacts > Security, or run ' +
    '`aws account put-alternate-contact --alternate-contact-type SECURITY --name ... --title ... --email-address ... --phone-number ...`.',
  evaluate(ctx) {
    const contact = ctx.global('account.securityContact');
    const resource = accountResource(ctx);
    if (!contact) return [globalResult(resource, 'FAIL', 'no SECURITY alternate contact is registered')];
    const missing = REQUIRED.filter(([field]) => !contact[field]?.trim()).map(([, label]) => label);
    if (missing.length) {
      return [globalResult(resource, 'FAIL', `SECURITY alternate contact lacks ${missing.join(', ')}`)];
    }
    return [globalResult(resource, 'PASS', `SECURITY alternate contact \`${contact.Name}\` is registered`)];
  },
};

export default check;
