import type { AccountCheck } from '../types.ts';
import { accountResource, globalResult } from '../lib/iam-results.ts';

// CIS asks for contact details that are *current*, which only a person can judge; this reports
// whether the primary contact has a name, a postal address and a phone number at all.
const REQUIRED = [
  ['FullName', 'full name'],
  ['AddressLine1', 'address line 1'],
  ['City', 'city'],
  ['PostalCode', 'postal code'],
  ['CountryCode', 'country'],
  ['PhoneNumber', 'phone number'],
] as const;

const check: AccountCheck = {
  id: 'account_contact_details',
  title: 'Account contact details are set',
  severity: 'low',
  scope: 'account',
  reads: ['account.contactInformation'],
  remediation:
    'Set the primary contact (name, address, phone) in the console under Account > Contact information, ' +
    'or run `aws account put-contact-information --contact-information FullName=...,AddressLine1=...,City=...,PostalCode=...,CountryCode=...,PhoneNumber=...`.',
  evaluate(ctx) {
    const info = ctx.global('account.contactInformation');
    const resource = accountResource(ctx);
    if (!info) return [globalResult(resource, 'FAIL', 'the account has no primary contact information')];
    const missing = REQUIRED.filter(([field]) => !info[field]?.trim()).map(([, label]) => label);
    if (missing.length) {
      return [globalResult(resource, 'FAIL', `primary contact lacks ${missing.join(', ')}`)];
    }
    return [
      globalResult(resource, 'PASS', `primary contact \`${info.FullName}\` has an address and a phone number; check they are current`),
    ];
  },
};

export default check;
