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
import { bucketRegion, regionFromWrongRegionError } from '../../src/collect/bucket-region.ts';
import { ACCOUNT, awsError, callRegion, testContext, type TestContext } from './support.ts';

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

/** An S3 error as the SDK gives it for a request sent to another region's endpoint than the bucket's. */
function wrongRegionError(code: string, status: number, bucketRegionHeader?: string): Error {
  const headers = bucketRegionHeader ? { 'x-amz-bucket-region': bucketRegionHeader } : {};
  return Object.assign(awsError(code, { status }), { $response: { statusCode: status, headers } });
}

function mockSettingsAnswered(): void {
  s3Mock.on(GetBucketPolicyCommand).rejects(awsError('NoSuchBucketPolicy', { status: 404 }));
  s3Mock.on(GetBucketAclCommand).resolves({ Grants: [] });
  s3Mock.on(GetBucketVersioningCommand).resolves({});
  s3Mock.on(GetBucketLoggingCommand).resolves({});
  s3Mock.on(GetPublicAccessBlockCommand).resolves({ PublicAccessBlockConfiguration: BLOCK_ALL });
}

function regionsAsked(ctx: TestContext): Record<string, string | undefined> {
  return Object.fromEntries(
    s3Mock.commandCalls(GetBucketAclCommand).map((call) => [(call.args[0].input as { Bucket: string }).Bucket, callRegion(ctx, call)]),
  );
}

test('the region ListBuckets names is used without asking GetBucketLocation', async () => {
  s3Mock.on(ListBucketsCommand).resolves({
    Buckets: [{ Name: 'hk', BucketRegion: 'ap-east-1' }, { Name: 'bahrain', BucketRegion: 'me-south-1' }],
  });
  s3Mock.on(GetBucketLocationCommand).rejects(awsError('AccessDenied', { status: 403 }));
  mockSettingsAnswered();
  const ctx = testContext();

  const result = await s3Collector.collect(ctx, new Set(['s3.buckets']));

  assert.equal(s3Mock.commandCalls(GetBucketLocationCommand).length, 0);
  const buckets = result['s3.buckets'];
  assert.ok(buckets?.ok);
  assert.deepEqual(buckets.data.map((b) => [b.name, b.region]), [['hk', 'ap-east-1'], ['bahrain', 'me-south-1']]);
  assert.deepEqual(buckets.data[0]!.publicAccessBlock, { ok: true, data: BLOCK_ALL });
  assert.deepEqual(regionsAsked(ctx), { hk: 'ap-east-1', bahrain: 'me-south-1' });
});

test('GetBucketLocation is asked only for buckets ListBuckets gives no region for', async () => {
  s3Mock.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'listed', BucketRegion: 'eu-west-1' }, { Name: 'older' }] });
  s3Mock.on(GetBucketLocationCommand, { Bucket: 'older' }).resolves({ LocationConstraint: 'ap-northeast-1' });
  mockSettingsAnswered();
  const ctx = testContext();

  const result = await s3Collector.collect(ctx, new Set(['s3.buckets']));

  assert.deepEqual(s3Mock.commandCalls(GetBucketLocationCommand).map((call) => call.args[0].input.Bucket), ['older']);
  assert.ok(result['s3.buckets']?.ok);
  assert.deepEqual(result['s3.buckets'].data.map((b) => [b.name, b.region]), [['listed', 'eu-west-1'], ['older', 'ap-northeast-1']]);
  assert.deepEqual(regionsAsked(ctx), { listed: 'eu-west-1', older: 'ap-northeast-1' });
});

test('a wrong-region answer to GetBucketLocation gives the region it names', async () => {
  s3Mock.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'moved' }, { Name: 'opt-in' }, { Name: 'signed-wrong' }] });
  s3Mock.on(GetBucketLocationCommand, { Bucket: 'moved' }).rejects(wrongRegionError('PermanentRedirect', 301, 'ap-east-1'));
  s3Mock
    .on(GetBucketLocationCommand, { Bucket: 'opt-in' })
    .rejects(wrongRegionError('IllegalLocationConstraintException', 400, 'me-south-1'));
  // AuthorizationHeaderMalformed names the region in its <Region> element, which the SDK parses to `Region`.
  s3Mock
    .on(GetBucketLocationCommand, { Bucket: 'signed-wrong' })
    .rejects(Object.assign(awsError('AuthorizationHeaderMalformed', { status: 400 }), { Region: 'af-south-1' }));
  mockSettingsAnswered();
  const ctx = testContext();

  const result = await s3Collector.collect(ctx, new Set(['s3.buckets']));

  const buckets = result['s3.buckets'];
  assert.ok(buckets?.ok);
  assert.deepEqual(
    buckets.data.map((b) => [b.name, b.region, b.acl.ok]),
    [['moved', 'ap-east-1', true], ['opt-in', 'me-south-1', true], ['signed-wrong', 'af-south-1', true]],
  );
  assert.deepEqual(regionsAsked(ctx), { moved: 'ap-east-1', 'opt-in': 'me-south-1', 'signed-wrong': 'af-south-1' });
});

test('an unknown bucket region fails every field with the original code, in the global region', async () => {
  s3Mock.on(ListBucketsCommand).resolves({ Buckets: [{ Name: 'hidden' }, { Name: 'nameless-redirect' }, { Name: 'denied-with-header' }] });
  s3Mock.on(GetBucketLocationCommand, { Bucket: 'hidden' }).rejects(awsError('AccessDenied', { status: 403 }));
  s3Mock.on(GetBucketLocationCommand, { Bucket: 'nameless-redirect' }).rejects(wrongRegionError('PermanentRedirect', 301));
  // Only a wrong-region answer is trusted to name the region; a refusal stays a refusal.
  s3Mock
    .on(GetBucketLocationCommand, { Bucket: 'denied-with-header' })
    .rejects(wrongRegionError('AccessDenied', 403, 'ap-east-1'));
  const ctx = { ...testContext(), globalRegion: 'us-gov-west-1' };

  const result = await s3Collector.collect(ctx, new Set(['s3.buckets']));

  const buckets = result['s3.buckets'];
  assert.ok(buckets?.ok);
  const expectedCode: Record<string, string> = { hidden: 'AccessDenied', 'nameless-redirect': 'PermanentRedirect', 'denied-with-header': 'AccessDenied' };
  assert.equal(buckets.data.length, 3);
  for (const bucket of buckets.data) {
    assert.equal(bucket.region, 'us-gov-west-1', bucket.name);
    for (const field of [bucket.policy, bucket.acl, bucket.versioning, bucket.logging, bucket.publicAccessBlock]) {
      assert.equal(field.ok, false, bucket.name);
      assert.equal(!field.ok && field.error.code, expectedCode[bucket.name], bucket.name);
    }
  }
  assert.equal(s3Mock.commandCalls(GetBucketPolicyCommand).length, 0);
  assert.equal(s3Mock.commandCalls(GetBucketAclCommand).length, 0);
});

test('a region header that is not a region name is ignored', () => {
  assert.equal(regionFromWrongRegionError(wrongRegionError('PermanentRedirect', 301, 'evil.example.com/')), undefined);
  assert.equal(regionFromWrongRegionError(wrongRegionError('TemporaryRedirect', 307, 'us-gov-west-1')), 'us-gov-west-1');
  assert.equal(regionFromWrongRegionError(new Error('socket hang up')), undefined);
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
