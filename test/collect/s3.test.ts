import { test, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { mockClient } from 'aws-sdk-client-mock';
import {
  GetBucketAclCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { s3Collector } from '../../src/collect/s3.ts';
import { bucketRegion } from '../../src/collect/bucket-region.ts';
import { ACCOUNT, awsError, callRegion, testContext } from './support.ts';

const s3Mock = mockClient(S3Client);
const controlMock = mockClient(S3ControlClient);
beforeEach(() => {
  s3Mock.reset();
  controlMock.reset();
});
after(() => {
  s3Mock.restore();
  controlMock.restore();
});

const created = new Date('2023-03-04T05:06:07Z');
const BLOCK_ALL = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

function mockHealthyBuckets(): void {
  s3Mock
    .on(ListBucketsCommand)
    .resolvesOnce({ Buckets: [{ Name: 'legacy', CreationDate: created }, { Name: 'old-eu' }], ContinuationToken: 'tok' })
    .resolves({ Buckets: [{ Name: 'tokyo' }, { Name: 'empty-constraint' }] });
  s3Mock.on(GetBucketLocationCommand, { Bucket: 'legacy' }).resolves({});
  s3Mock.on(GetBucketLocationCommand, { Bucket: 'old-eu' }).resolves({ LocationConstraint: 'EU' });
  s3Mock.on(GetBucketLocationCommand, { Bucket: 'tokyo' }).resolves({ LocationConstraint: 'ap-northeast-1' });
  s3Mock.on(GetBucketLocationCommand, { Bucket: 'empty-constraint' }).resolves({ LocationConstraint: '' as 'EU' });
  s3Mock.on(GetBucketPolicyCommand).rejects(awsError('NoSuchBucketPolicy', { status: 404 }));
  s3Mock
    .on(GetBucketPolicyCommand, { Bucket: 'tokyo' })
    .resolves({ Policy: '{"Statement":[]}' });
  s3Mock.on(GetBucketAclCommand).resolves({ Owner: { ID: 'owner' }, Grants: [{ Permission: 'FULL_CONTROL', Grantee: { Type: 'CanonicalUser', ID: 'owner' } }] });
  s3Mock.on(GetBucketAclCommand, { Bucket: 'old-eu' }).rejects(awsError('AccessDenied', { status: 403 }));
  s3Mock.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled', MFADelete: 'Disabled' });
  s3Mock.on(GetBucketLoggingCommand).resolves({});
  s3Mock.on(GetBucketLoggingCommand, { Bucket: 'tokyo' }).resolves({ LoggingEnabled: { TargetBucket: 'logs', TargetPrefix: 'tokyo/' } });
  s3Mock.on(GetPublicAccessBlockCommand).rejects(awsError('NoSuchPublicAccessBlockConfiguration', { status: 404 }));
  s3Mock.on(GetPublicAccessBlockCommand, { Bucket: 'legacy' }).resolves({ PublicAccessBlockConfiguration: BLOCK_ALL });
}

test('bucket region from GetBucketLocation: none and "" are us-east-1, EU is eu-west-1', () => {
  assert.equal(bucketRegion(undefined, 'us-east-1'), 'us-east-1');
  assert.equal(bucketRegion(null, 'us-east-1'), 'us-east-1');
  assert.equal(bucketRegion('', 'us-east-1'), 'us-east-1');
  assert.equal(bucketRegion('EU', 'us-east-1'), 'eu-west-1');
  assert.equal(bucketRegion('ap-northeast-1', 'us-east-1'), 'ap-northeast-1');
});

test('buckets over two pages, each described by a client in its own region', async () => {
  mockHealthyBuckets();
  const ctx = testContext();

  const result = await s3Collector.collect(ctx, new Set(['s3.buckets']));

  const lists = s3Mock.commandCalls(ListBucketsCommand);
  assert.equal(lists.length, 2);
  assert.ok(lists[0]!.args[0].input.MaxBuckets);
  assert.equal(lists[1]!.args[0].input.ContinuationToken, 'tok');
  for (const call of [...lists, ...s3Mock.commandCalls(GetBucketLocationCommand)]) assert.equal(callRegion(ctx, call), 'us-east-1');

  const expectedRegion: Record<string, string> = {
    legacy: 'us-east-1',
    'old-eu': 'eu-west-1',
    tokyo: 'ap-northeast-1',
    'empty-constraint': 'us-east-1',
  };
  for (const Command of [GetBucketPolicyCommand, GetBucketAclCommand, GetBucketVersioningCommand, GetBucketLoggingCommand, GetPublicAccessBlockCommand]) {
    const calls = s3Mock.commandCalls(Command);
    assert.equal(calls.length, 4, Command.name);
    for (const call of calls) {
      const bucket = (call.args[0].input as { Bucket: string }).Bucket;
      assert.equal(callRegion(ctx, call), expectedRegion[bucket], `${Command.name} ${bucket}`);
    }
  }

  const buckets = result['s3.buckets'];
  assert.ok(buckets?.ok);
  assert.deepEqual(
    buckets.data.map((b) => [b.name, b.region]),
    Object.entries(expectedRegion),
  );
  const [legacy, oldEu, tokyo] = buckets.data;
  assert.deepEqual(legacy, {
    name: 'legacy',
    creationDate: '2023-03-04T05:06:07.000Z',
    region: 'us-east-1',
    policy: { ok: true, data: null },
    acl: { ok: true, data: { owner: { ID: 'owner' }, grants: [{ Permission: 'FULL_CONTROL', Grantee: { Type: 'CanonicalUser', ID: 'owner' } }] } },
    versioning: { ok: true, data: { status: 'Enabled', mfaDelete: 'Disabled' } },
    logging: { ok: true, data: null },
    publicAccessBlock: { ok: true, data: BLOCK_ALL },
  });
  assert.equal(oldEu!.acl.ok, false);
  assert.equal(!oldEu!.acl.ok && oldEu!.acl.error.code, 'AccessDenied');
  assert.deepEqual(oldEu!.versioning, { ok: true, data: { status: 'Enabled', mfaDelete: 'Disabled' } });
  assert.deepEqual(oldEu!.publicAccessBlock, { ok: true, data: null });
  assert.ok(tokyo!.acl.ok);
  assert.deepEqual(tokyo!.policy, { ok: true, data: '{"Statement":[]}' });
  assert.deepEqual(tokyo!.logging, { ok: true, data: { TargetBucket: 'logs', TargetPrefix: 'tokyo/' } });
});

test('a failed GetBucketLocation makes every field of that bucket carry the error', async () => {
  s3Mock.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'hidden' }] });
  s3Mock.on(GetBucketLocationCommand).rejects(awsError('AccessDenied', { status: 403 }));

  const result = await s3Collector.collect(testContext(), new Set(['s3.buckets']));

  const buckets = result['s3.buckets'];
  assert.ok(buckets?.ok);
  const [hidden] = buckets.data;
  for (const field of [hidden!.policy, hidden!.acl, hidden!.versioning, hidden!.logging, hidden!.publicAccessBlock]) {
    assert.equal(field.ok, false);
    assert.equal(!field.ok && field.error.code, 'AccessDenied');
  }
  assert.equal(s3Mock.commandCalls(GetBucketPolicyCommand).length, 0);
});

test('a failed ListBuckets fails the dataset with the AWS code', async () => {
  s3Mock.on(ListBucketsCommand).rejects(awsError('SlowDown', { status: 503 }));

  const result = await s3Collector.collect(testContext(), new Set(['s3.buckets']));

  assert.equal(result['s3.buckets']?.ok, false);
  assert.equal(!result['s3.buckets']!.ok && result['s3.buckets']!.error.code, 'SlowDown');
});

test('account public access block is asked of S3 Control with the account id', async () => {
  controlMock.on(GetAccountPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: BLOCK_ALL });
  const ctx = testContext();

  const result = await s3Collector.collect(ctx, new Set(['s3control.publicAccessBlock']));

  assert.deepEqual(result, { 's3control.publicAccessBlock': { ok: true, data: BLOCK_ALL } });
  const [call] = controlMock.commandCalls(GetAccountPublicAccessBlockCommand);
  assert.equal(call!.args[0].input.AccountId, ACCOUNT);
  assert.equal(callRegion(ctx, call!), 'us-east-1');
  assert.equal(s3Mock.calls().length, 0);
});

test('no account public access block configuration is data null', async () => {
  controlMock.on(GetAccountPublicAccessBlockCommand).rejects(awsError('NoSuchPublicAccessBlockConfiguration', { status: 404 }));

  const result = await s3Collector.collect(testContext(), new Set(['s3control.publicAccessBlock']));

  assert.deepEqual(result, { 's3control.publicAccessBlock': { ok: true, data: null } });
});
