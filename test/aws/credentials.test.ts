import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientFactory } from '../../src/aws/client-factory.ts';
import { CredentialBroker } from '../../src/aws/credentials.ts';
import { sampleOrganization } from '../../src/sample/index.ts';
import { emulatorHttpHandler, type Fault } from '../support/emulator/index.ts';

const sample = sampleOrganization();
const base = async () => ({ accessKeyId: 'AKIDBROKER', secretAccessKey: 'not-a-secret' });

async function broker(sessionSeconds: number, faults: Fault[] = []) {
  const em = emulatorHttpHandler({ callerAccountId: '111111111111', roleName: 'Audit', organization: sample.organization, regions: sample.regions, inventory: sample.inventory, faults });
  const b = new CredentialBroker({ roleName: 'Audit', sessionSeconds }, 'aws', 'us-east-1', base);
  const factory = await ClientFactory.create({ concurrency: 4, perServiceConcurrency: 2, requestHandler: em, retry: { maxAttempts: 1, maxThrottledAttempts: 1 } }, (id) => b.providerFor(id), 'us-east-1');
  b.attach(factory);
  await b.caller();
  return { b, em };
}

test('the caller account uses its own credentials; members get assumed ones, cached for the session', async () => {
  const { b, em } = await broker(3600);
  assert.equal((await b.providerFor('111111111111')()).accessKeyId, 'AKIDBROKER');
  const first = await b.providerFor('222222222222')();
  const again = await b.providerFor('222222222222')();
  assert.notEqual(first.accessKeyId, 'AKIDBROKER');
  assert.equal(again.accessKeyId, first.accessKeyId);
  assert.equal(em.calls.count({ operation: 'AssumeRole' }), 1);
});

test('credentials that expire within the safety margin are assumed again', async () => {
  const { b, em } = await broker(60);
  await b.providerFor('222222222222')();
  await b.providerFor('222222222222')();
  assert.equal(em.calls.count({ operation: 'AssumeRole' }), 2);
});

test('a denied AssumeRole is reported and not cached, so a later attempt asks again', async () => {
  const { b, em } = await broker(3600, [{ operation: 'AssumeRole', accountId: '333333333333', code: 'AccessDenied', httpStatus: 403, times: 1 }]);
  await assert.rejects(b.verify('333333333333'), { name: 'AccessDenied' });
  await b.verify('333333333333');
  assert.equal(em.calls.count({ operation: 'AssumeRole', accountId: '333333333333' }), 2);
});
