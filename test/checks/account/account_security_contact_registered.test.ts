import { test } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/account/account_security_contact_registered.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';

const CONTACT = {
  AlternateContactType: 'SECURITY' as const,
  Name: 'SecOps',
  Title: 'Security team',
  EmailAddress: 'secops@example.com',
  PhoneNumber: '+1-555-0101',
};

test('PASS when the SECURITY contact has name, email and phone', () => {
  const [r] = runCheck(check, { global: { 'account.securityContact': ok(CONTACT) } });
  assert.equal(r?.status, 'PASS');
  assert.match(r?.reason ?? '', /`SecOps`/);
});

test('FAIL when no SECURITY contact is registered', () => {
  const [r] = runCheck(check, { global: { 'account.securityContact': ok(null) } });
  assert.equal(r?.status, 'FAIL');
  assert.equal(r?.reason, 'no SECURITY alternate contact is registered');
});

test('FAIL names the missing fields', () => {
  const [r] = runCheck(check, { global: { 'account.securityContact': ok({ ...CONTACT, EmailAddress: '', PhoneNumber: undefined }) } });
  assert.equal(r?.status, 'FAIL');
  assert.equal(r?.reason, 'SECURITY alternate contact lacks email address, phone number');
});

test('ERROR when the contact could not be read', () => {
  const [r] = runCheck(check, { global: { 'account.securityContact': failed('AccessDenied') } });
  assert.equal(r?.status, 'ERROR');
  assert.equal(r?.errorCode, 'AccessDenied');
});
