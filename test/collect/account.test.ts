import { test, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { mockClient } from 'aws-sdk-client-mock';
import { AccountClient, GetAlternateContactCommand, ResourceNotFoundException } from '@aws-sdk/client-account';
import { accountCollector } from '../../src/collect/account.ts';
import { awsError, testContext } from './support.ts';

const accountMock = mockClient(AccountClient);
beforeEach(() => accountMock.reset());
after(() => accountMock.restore());

test('the SECURITY alternate contact', async () => {
  accountMock
    .on(GetAlternateContactCommand, { AlternateContactType: 'SECURITY' })
    .resolves({ AlternateContact: { AlternateContactType: 'SECURITY', EmailAddress: 'sec@example.com', Name: 'Sec', PhoneNumber: '+1', Title: 'CISO' } });

  const result = await accountCollector.collect(testContext(), new Set(['account.securityContact']));

  const contact = result['account.securityContact'];
  assert.ok(contact?.ok);
  assert.equal(contact.data?.EmailAddress, 'sec@example.com');
  assert.deepEqual(accountMock.commandCalls(GetAlternateContactCommand).map((c) => c.args[0].input), [{ AlternateContactType: 'SECURITY' }]);
});

test('no registered contact (ResourceNotFoundException) is data null', async () => {
  accountMock.on(GetAlternateContactCommand).rejects(new ResourceNotFoundException({ message: 'none', $metadata: {} }));

  const result = await accountCollector.collect(testContext(), new Set(['account.securityContact']));

  assert.deepEqual(result, { 'account.securityContact': { ok: true, data: null } });
});

test('AccessDeniedException is kept as a failure; nothing is asked when nothing is wanted', async () => {
  accountMock.on(GetAlternateContactCommand).rejects(awsError('AccessDeniedException', { status: 403 }));

  const result = await accountCollector.collect(testContext(), new Set(['account.securityContact']));
  assert.equal(result['account.securityContact']?.ok, false);
  assert.equal(result['account.securityContact']?.ok === false && result['account.securityContact'].error.code, 'AccessDeniedException');

  accountMock.resetHistory();
  assert.deepEqual(await accountCollector.collect(testContext(), new Set()), {});
  assert.equal(accountMock.commandCalls(GetAlternateContactCommand).length, 0);
});
