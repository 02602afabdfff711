import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AccessAnalyzerClient, paginateListAnalyzers } from '@aws-sdk/client-accessanalyzer';
import { CloudTrailClient, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetCredentialReportCommand, IAMClient, paginateListUsers } from '@aws-sdk/client-iam';
import { OrganizationsClient, paginateListAccounts } from '@aws-sdk/client-organizations';
import { GetBucketAclCommand, GetBucketLocationCommand, GetBucketPolicyCommand, S3Client } from '@aws-sdk/client-s3';
import { GetPublicAccessBlockCommand, S3ControlClient } from '@aws-sdk/client-s3-control';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { HttpHandler } from '@smithy/core/protocols';
import type { AwsCredentialIdentity } from '@smithy/types';
import { emulatorHttpHandler, startEmulator } from '../support/emulator/index.ts';
import { allItems, clientConfig, plainOutput } from './clients.ts';
import { MANAGEMENT, MEMBER, ROLE, testWorld } from './world-fixture.ts';

type Config = (region?: string, credentials?: AwsCredentialIdentity) => Record<string, unknown>;

async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return plainOutput(await call());
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    return { error: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
}

/** The same calls, over whichever transport `cfg` configures. */
async function scenario(cfg: Config, endpoint: string): Promise<unknown[]> {
  const assumed = await new STSClient(cfg()).send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER}:role/${ROLE}`, RoleSessionName: 'same' }),
  );
  const member = {
    accessKeyId: assumed.Credentials!.AccessKeyId!,
    secretAccessKey: assumed.Credentials!.SecretAccessKey!,
    sessionToken: assumed.Credentials!.SessionToken!,
  };
  const s3 = new S3Client({ ...cfg(), forcePathStyle: true });
  return Promise.all([
    outcome(() => new STSClient(cfg('us-east-1', member)).send(new GetCallerIdentityCommand({}))),
    outcome(() => allItems(paginateListAccounts({ client: new OrganizationsClient(cfg()) }, {}), (p) => p.Accounts)),
    outcome(() => allItems(paginateListUsers({ client: new IAMClient(cfg()) }, {}), (p) => p.Users)),
    outcome(async () => Buffer.from((await new IAMClient(cfg()).send(new GetCredentialReportCommand({}))).Content!).toString()),
    outcome(() => new EC2Client(cfg()).send(new DescribeInstancesCommand({ MaxResults: 5 }))),
    outcome(() => new EC2Client(cfg('us-east-1', member)).send(new DescribeInstancesCommand({}))),
    outcome(() => s3.send(new GetBucketLocationCommand({ Bucket: 'eu-data' }))),
    outcome(() => s3.send(new GetBucketAclCommand({ Bucket: 'logs-bucket' }))),
    outcome(() => s3.send(new GetBucketPolicyCommand({ Bucket: 'eu-data' }))),
    outcome(() =>
      new S3ControlClient({ ...cfg(), endpointProvider: () => ({ url: new URL(endpoint) }) }).send(
        new GetPublicAccessBlockCommand({ AccountId: MANAGEMENT }),
      ),
    ),
    outcome(() => new CloudTrailClient(cfg()).send(new GetTrailStatusCommand({ Name: 'main' }))),
    outcome(() => new CloudWatchClient(cfg()).send(new DescribeAlarmsCommand({}))),
    outcome(() => allItems(paginateListAnalyzers({ client: new AccessAnalyzerClient(cfg()) }, {}), (p) => p.analyzers)),
  ]);
}

describe('emulator: HttpHandler front end', () => {
  it('gives the same results as the HTTP server', async () => {
    const emu = await startEmulator(testWorld());
    let overHttp: unknown[];
    try {
      overHttp = await scenario((region, credentials) => clientConfig(emu.endpoint, region, credentials), emu.endpoint);
    } finally {
      await emu.close();
    }
    const handler: HttpHandler & { calls: { count(): number } } = emulatorHttpHandler(testWorld());
    const nowhere = 'http://emulator.invalid';
    const inProcess = await scenario(
      (region, credentials) => ({ ...clientConfig(nowhere, region, credentials), requestHandler: handler }),
      nowhere,
    );
    assert.deepEqual(inProcess, overHttp);
    assert.ok(handler.calls.count() >= 14);
    assert.deepEqual((inProcess[0] as { Account: string }).Account, MEMBER);
    assert.equal((inProcess[8] as { status: number }).status, 301);
  });
});
