import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketLoggingCommand,
  GetBucketPolicyCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  paginateListBuckets,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { S3Bucket } from '../../src/collect/inventory.ts';
import { startEmulator, type RunningEmulator } from '../support/emulator/index.ts';
import { allItems, clientConfig, plainOutput, rejection } from './clients.ts';
import { INVENTORY, MANAGEMENT, MEMBER, ROLE, testWorld } from './world-fixture.ts';

const buckets = (INVENTORY.accounts[0]!.global['s3.buckets'] as { data: S3Bucket[] }).data;
const bucket = (name: string) => buckets.find((b) => b.name === name)!;
const data = <T>(c: unknown) => (c as { data: T }).data;

describe('emulator: S3 and S3 Control (restXml)', () => {
  let emu: RunningEmulator;
  let east: S3Client;
  let west: S3Client;
  before(async () => {
    emu = await startEmulator(testWorld());
    east = new S3Client({ ...clientConfig(emu.endpoint), forcePathStyle: true });
    west = new S3Client({ ...clientConfig(emu.endpoint, 'eu-west-1'), forcePathStyle: true });
  });
  after(() => emu.close());

  it('lists buckets across pages with their regions', async () => {
    const all = await allItems(paginateListBuckets({ client: east }, {}), (p) => p.Buckets);
    assert.deepEqual(
      all.map((b) => [b.Name, b.CreationDate?.toISOString(), b.BucketRegion]),
      buckets.map((b) => [b.name, b.creationDate, b.region]),
    );
    const first = await east.send(new ListBucketsCommand({}));
    assert.equal(first.Buckets?.length, 2);
    assert.ok(first.ContinuationToken);
    assert.match(first.Owner?.ID ?? '', /^[0-9a-f]{64}$/);
  });

  it('locates buckets from any region (us-east-1 has no constraint)', async () => {
    assert.equal((await west.send(new GetBucketLocationCommand({ Bucket: 'eu-data' }))).LocationConstraint, 'eu-west-1');
    assert.equal((await west.send(new GetBucketLocationCommand({ Bucket: 'logs-bucket' }))).LocationConstraint, undefined);
    const err = await rejection(east.send(new GetBucketLocationCommand({ Bucket: 'nope' })));
    assert.equal(err.name, 'NoSuchBucket');
    assert.equal(err.$metadata.httpStatusCode, 404);
  });

  it('serves the per-bucket settings in the bucket’s region', async () => {
    const logs = bucket('logs-bucket');
    const Bucket = logs.name;
    assert.equal((await east.send(new GetBucketPolicyCommand({ Bucket }))).Policy, data(logs.policy));
    const acl = await east.send(new GetBucketAclCommand({ Bucket }));
    assert.deepEqual(plainOutput({ owner: acl.Owner, grants: acl.Grants }), data(logs.acl));
    const versioning = await east.send(new GetBucketVersioningCommand({ Bucket }));
    assert.deepEqual({ status: versioning.Status, mfaDelete: versioning.MFADelete }, data(logs.versioning));
    assert.deepEqual(plainOutput((await east.send(new GetBucketLoggingCommand({ Bucket }))).LoggingEnabled), data(logs.logging));
    assert.deepEqual(
      (await east.send(new GetPublicAccessBlockCommand({ Bucket }))).PublicAccessBlockConfiguration,
      data(logs.publicAccessBlock),
    );
  });

  it('answers unset settings as S3 does', async () => {
    const Bucket = 'eu-data';
    const policy = await rejection(west.send(new GetBucketPolicyCommand({ Bucket })));
    assert.equal(policy.name, 'NoSuchBucketPolicy');
    assert.equal(policy.$metadata.httpStatusCode, 404);
    const pab = await rejection(west.send(new GetPublicAccessBlockCommand({ Bucket })));
    assert.equal(pab.name, 'NoSuchPublicAccessBlockConfiguration');
    assert.equal((await west.send(new GetBucketLoggingCommand({ Bucket }))).LoggingEnabled, undefined);
    const versioning = await west.send(new GetBucketVersioningCommand({ Bucket }));
    assert.equal(versioning.Status, undefined);
  });

  it('answers recorded failures with their error', async () => {
    const err = await rejection(east.send(new GetBucketAclCommand({ Bucket: 'locked-bucket' })));
    assert.equal(err.name, 'AccessDenied');
    assert.equal(err.$metadata.httpStatusCode, 403);
  });

  it('redirects a per-bucket call signed for another region', async () => {
    const err = await rejection(east.send(new GetBucketPolicyCommand({ Bucket: 'eu-data' })));
    assert.equal(err.name, 'PermanentRedirect');
    assert.equal(err.$metadata.httpStatusCode, 301);
    const wrong = await rejection(west.send(new GetBucketVersioningCommand({ Bucket: 'logs-bucket' })));
    assert.equal(wrong.name, 'PermanentRedirect');
  });

  it('answers an operation it lacks with NotImplemented', async () => {
    const err = await rejection(east.send(new GetBucketEncryptionCommand({ Bucket: 'logs-bucket' })));
    assert.equal(err.name, 'NotImplemented');
    assert.equal(err.$metadata.httpStatusCode, 501);
  });

  it('serves the account public access block by the x-amz-account-id header', async () => {
    // S3 Control's endpoint rules put the account id in front of any host; a fixed endpoint avoids that.
    const control = (region: string, credentials = clientConfig(emu.endpoint).credentials) =>
      new S3ControlClient({ ...clientConfig(emu.endpoint, region, credentials), endpointProvider: () => ({ url: new URL(emu.endpoint) }) });
    const out = await control('eu-west-1').send(new GetAccountPublicAccessBlockCommand({ AccountId: MANAGEMENT }));
    assert.deepEqual(out.PublicAccessBlockConfiguration, data(INVENTORY.accounts[0]!.global['s3control.publicAccessBlock']));
    assert.equal(emu.calls.count({ service: 's3control', operation: 'GetPublicAccessBlock' }), 1);

    const wrongAccount = await rejection(control('us-east-1').send(new GetAccountPublicAccessBlockCommand({ AccountId: MEMBER })));
    assert.equal(wrongAccount.name, 'AccessDenied');

    const creds = (
      await new STSClient(clientConfig(emu.endpoint)).send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER}:role/${ROLE}`, RoleSessionName: 's3' }),
      )
    ).Credentials!;
    const member = control('us-east-1', {
      accessKeyId: creds.AccessKeyId!,
      secretAccessKey: creds.SecretAccessKey!,
      sessionToken: creds.SessionToken!,
    });
    const none = await rejection(member.send(new GetAccountPublicAccessBlockCommand({ AccountId: MEMBER })));
    assert.equal(none.name, 'NoSuchPublicAccessBlockConfiguration');
    assert.equal(none.$metadata.httpStatusCode, 404);
  });
});
