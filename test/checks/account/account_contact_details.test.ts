import { test } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/account/account_contact_details.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';

const FULL = {
  FullName: 'Example Corp Security',
  AddressLine1: '1 Main Street',
  City: 'Springfield',
  PostalCode: '12345',
  CountryCode: 'US',
  PhoneNumber: '+1-555-0100',
};

test('PASS when name, address and phone are set', () => {
  const [r] = runCheck(check, { global: { 'account.contactInformation': ok(FULL) } });
  assert.equal(r?.status, 'PASS');
  assert.equal(r?.region, 'global');
  assert.equal(r?.resourceId, '111111111111');
  assert.equal(r?.resourceType, 'AwsAccount');
});

test('FAIL lists every missing field (blank counts as missing)', () => {
  const info = { ...FULL, PhoneNumber: undefined, City: '  ' };
  const [r] = runCheck(check, { global: { 'account.contactInformation': ok(info) } });
  assert.equal(r?.status, 'FAIL');
  assert.equal(r?.reason, 'primary contact lacks city, phone number');
});

test('FAIL when there is no contact information', () => {
  const [r] = runCheck(check, { global: { 'account.contactInformation': ok(null) } });
  assert.equal(r?.status, 'FAIL');
  assert.match(r?.reason ?? '', /no primary contact information/);
});

test('ERROR with the AWS code when the dataset failed', () => {
  const [r] = runCheck(check, { global: { 'account.contactInformation': failed('AccessDeniedException') } });
  assert.equal(r?.status, 'ERROR');
  assert.equal(r?.errorCode, 'AccessDeniedException');
});
