import { test, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeKeyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListKeysCommand,
  type KeyMetadata,
} from '@aws-sdk/client-kms';
import { kmsCollector } from '../../src/collect/kms.ts';
import { awsError, callRegion, testContext } from './support.ts';

const kmsMock = mockClient(KMSClient);
beforeEach(() => kmsMock.reset());
after(() => kmsMock.restore());

const eligible: KeyMetadata = {
  KeyId: 'cmk',
  KeyManager: 'CUSTOMER',
  KeySpec: 'SYMMETRIC_DEFAULT',
  KeyState: 'Enabled',
  Origin: 'AWS_KMS',
  CreationDate: new Date('2022-02-02T00:00:00Z'),
};
const keys: Record<string, KeyMetadata> = {
  cmk: eligible,
  'aws-managed': { ...eligible, KeyId: 'aws-managed', KeyManager: 'AWS' },
  asymmetric: { ...eligible, KeyId: 'asymmetric', KeySpec: 'RSA_2048' },
  disabled: { ...eligible, KeyId: 'disabled', KeyState: 'Disabled' },
  imported: { ...eligible, KeyId: 'imported', Origin: 'EXTERNAL' },
  cmk2: { ...eligible, KeyId: 'cmk2' },
};

function mockKeys(): void {
  kmsMock
    .on(ListKeysCommand)
    .resolvesOnce({ Keys: [{ KeyId: 'cmk' }, { KeyId: 'aws-managed' }, { KeyId: 'asymmetric' }], Truncated: true, NextMarker: 'k2' })
    .resolves({ Keys: [{ KeyId: 'disabled' }, { KeyId: 'imported' }, { KeyId: 'cmk2' }], Truncated: false });
  for (const [KeyId, KeyMetadata] of Object.entries(keys)) kmsMock.on(DescribeKeyCommand, { KeyId }).resolves({ KeyMetadata });
  kmsMock.on(GetKeyRotationStatusCommand, { KeyId: 'cmk' }).resolves({ KeyRotationEnabled: true });
  kmsMock.on(GetKeyRotationStatusCommand, { KeyId: 'cmk2' }).rejects(awsError('AccessDeniedException'));
}

test('rotation status is asked only for enabled customer-managed symmetric AWS_KMS keys', async () => {
  mockKeys();
  const ctx = testContext();

  const result = await kmsCollector.collect(ctx, 'eu-west-1', new Set(['kms.keys']));

  assert.equal(kmsMock.commandCalls(ListKeysCommand).length, 2);
  assert.equal(kmsMock.commandCalls(ListKeysCommand)[1]!.args[0].input.Marker, 'k2');
  assert.deepEqual(kmsMock.commandCalls(GetKeyRotationStatusCommand).map((c) => c.args[0].input.KeyId).sort(), ['cmk', 'cmk2']);
  assert.ok(kmsMock.calls().every((call) => callRegion(ctx, call) === 'eu-west-1'));

  const collected = result['kms.keys'];
  assert.ok(collected?.ok);
  const byId = Object.fromEntries(collected.data.map((key) => [key.metadata.KeyId, key]));
  assert.deepEqual(byId['cmk'], {
    metadata: { ...eligible, CreationDate: '2022-02-02T00:00:00.000Z' },
    rotationEnabled: { ok: true, data: true },
  });
  for (const id of ['aws-managed', 'asymmetric', 'disabled', 'imported']) assert.equal(byId[id]!.rotationEnabled, undefined, id);
  const denied = byId['cmk2']!.rotationEnabled;
  assert.equal(denied?.ok, false);
  assert.equal(!denied?.ok && denied?.error.code, 'AccessDeniedException');
});

test('a rotation status without KeyRotationEnabled is IncompleteData for that key, not "off"', async () => {
  mockKeys();
  kmsMock.on(GetKeyRotationStatusCommand, { KeyId: 'cmk' }).resolves({});

  const result = await kmsCollector.collect(testContext(), 'eu-west-1', new Set(['kms.keys']));

  const collected = result['kms.keys'];
  assert.ok(collected?.ok);
  const cmk = collected.data.find((key) => key.metadata.KeyId === 'cmk');
  assert.deepEqual(cmk?.rotationEnabled, {
    ok: false,
    error: { code: 'IncompleteData', message: 'GetKeyRotationStatus returned no KeyRotationEnabled value for key cmk' },
  });
});

test('one key that cannot be described fails the whole dataset', async () => {
  mockKeys();
  kmsMock.on(DescribeKeyCommand, { KeyId: 'imported' }).rejects(awsError('AccessDeniedException'));

  const result = await kmsCollector.collect(testContext(), 'eu-west-1', new Set(['kms.keys']));

  assert.equal(result['kms.keys']?.ok, false);
  assert.equal(!result['kms.keys']!.ok && result['kms.keys']!.error.code, 'AccessDeniedException');
});

test('no KMS call when the keys are not wanted', async () => {
  mockKeys();
  assert.deepEqual(await kmsCollector.collect(testContext(), 'eu-west-1', new Set()), {});
  assert.equal(kmsMock.calls().length, 0);
});
