import { test, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { mockClient } from 'aws-sdk-client-mock';
import {
  AccountClient,
  GetAlternateContactCommand,
  GetContactInformationCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-account';
import { accountCollector } from '../../src/collect/account.ts';
import { awsError, testContext } from './support.ts';

const accountMock = mockClient(AccountClient);
beforeEach(() => accountMock.reset());
after(() => accountMock.restore());

test('the SECURITY alternate contact and the contact information', async () => {
  accountMock
    .on(GetAlternateContactCommand, { AlternateContactType: 'SECURITY' })
    .resolves({ AlternateContact: { AlternateContactType: 'SECURITY', EmailAddress: 'sec@example.com', Name: 'Sec', PhoneNumber: '+1', Title: 'CISO' } });
  accountMock.on(GetContactInformationCommand).resolves({ ContactInformation: { FullName: 'Ops', AddressLine1: 'a', City: 'c', CountryCode: 'US', PhoneNumber: '+1', PostalCode: 'p' } });

  const result = await accountCollector.collect(testContext(), new Set(['account.securityContact', 'account.contactInformation']));

  const contact = result['account.securityContact'];
  assert.ok(contact?.ok);
  assert.equal(contact.data?.EmailAddress, 'sec@example.com');
  const info = result['account.contactInformation'];
  assert.ok(info?.ok);
  assert.equal(info.data?.FullName, 'Ops');
});

test('no registered contact (ResourceNotFoundException) is data null', async () => {
  accountMock.on(GetAlternateContactCommand).rejects(new ResourceNotFoundException({ message: 'none', $metadata: {} }));
  accountMock.on(GetContactInformationCommand).rejects(awsError('ResourceNotFoundException', { status: 404 }));

  const result = await accountCollector.collect(testContext(), new Set(['account.securityContact', 'account.contactInformation']));

  assert.deepEqual(result, {
    'account.securityContact': { ok: true, data: null },
    'account.contactInformation': { ok: true, data: null },
  });
});

test('AccessDeniedException is kept as a failure, and unwanted datasets are not asked for', async () => {
  accountMock.on(GetAlternateContactCommand).rejects(awsError('AccessDeniedException', { status: 403 }));

  const result = await accountCollector.collect(testContext(), new Set(['account.securityContact']));

  assert.deepEqual(Object.keys(result), ['account.securityContact']);
  assert.equal(result['account.securityContact']?.ok, false);
  assert.equal(accountMock.commandCalls(GetContactInformationCommand).length, 0);
});
