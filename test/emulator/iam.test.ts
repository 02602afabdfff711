import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  GenerateCredentialReportCommand,
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  GetPolicyVersionCommand,
  IAMClient,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  ListRolesCommand,
  paginateListAttachedUserPolicies,
  paginateListEntitiesForPolicy,
  paginateListPolicies,
  paginateListServerCertificates,
  paginateListUserPolicies,
  paginateListUsers,
  paginateListVirtualMFADevices,
} from '@aws-sdk/client-iam';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { CredentialReport, GlobalDatasets } from '../../src/collect/inventory.ts';
import { startEmulator, type RunningEmulator } from '../support/emulator/index.ts';
import { allItems, clientConfig, plainOutput, rejection } from './clients.ts';
import { INVENTORY, MANAGEMENT, MEMBER, ROLE, testWorld } from './world-fixture.ts';

const global = INVENTORY.accounts[0]!.global;
const data = <K extends keyof GlobalDatasets>(key: K) => (global[key] as { data: GlobalDatasets[K] }).data;
const SUPPORT = 'arn:aws:iam::aws:policy/AWSSupportAccess';

describe('emulator: IAM (awsQuery)', () => {
  let emu: RunningEmulator;
  let iam: IAMClient;
  let memberIam: IAMClient;
  before(async () => {
    emu = await startEmulator(testWorld());
    // IAM is global: any signing region is accepted.
    iam = new IAMClient(clientConfig(emu.endpoint, 'eu-west-1'));
    const creds = (
      await new STSClient(clientConfig(emu.endpoint)).send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${MEMBER}:role/${ROLE}`, RoleSessionName: 'iam' }),
      )
    ).Credentials!;
    memberIam = new IAMClient(
      clientConfig(emu.endpoint, 'us-east-1', {
        accessKeyId: creds.AccessKeyId!,
        secretAccessKey: creds.SecretAccessKey!,
        sessionToken: creds.SessionToken!,
      }),
    );
  });
  after(() => emu.close());

  it('generates and serves the credential report as CSV', async () => {
    assert.equal((await iam.send(new GenerateCredentialReportCommand({}))).State, 'COMPLETE');
    const out = await iam.send(new GetCredentialReportCommand({}));
    const report = data('iam.credentialReport') as CredentialReport;
    assert.equal(out.ReportFormat, 'text/csv');
    assert.equal(out.GeneratedTime?.toISOString(), report.generatedTime);
    const [header, ...lines] = Buffer.from(out.Content!).toString('utf8').split('\n');
    assert.deepEqual(header!.split(','), Object.keys(report.rows[0]!));
    assert.deepEqual(
      lines.map((l) => l.split(',')),
      report.rows.map((r) => Object.values(r)),
    );
  });

  it('answers a failed report with its error on both calls', async () => {
    for (const command of [new GenerateCredentialReportCommand({}), new GetCredentialReportCommand({})]) {
      const err = await rejection(memberIam.send(command));
      assert.equal(err.name, 'AccessDenied');
      assert.equal(err.$metadata.httpStatusCode, 403);
    }
  });

  it('serves account summary and password policy, NoSuchEntity when there is none', async () => {
    assert.deepEqual((await iam.send(new GetAccountSummaryCommand({}))).SummaryMap, data('iam.accountSummary'));
    assert.deepEqual(plainOutput((await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy), data('iam.passwordPolicy'));
    const memberErr = await rejection(memberIam.send(new GetAccountPasswordPolicyCommand({})));
    assert.equal(memberErr.name, 'AccessDenied');

    const emptyWorld = testWorld({ inventory: { ...INVENTORY, accounts: [] } });
    const empty = await startEmulator(emptyWorld);
    try {
      const client = new IAMClient(clientConfig(empty.endpoint));
      const err = await rejection(client.send(new GetAccountPasswordPolicyCommand({})));
      assert.equal(err.name, 'NoSuchEntityException');
      assert.equal(err.Code, 'NoSuchEntity');
      assert.equal(err.$metadata.httpStatusCode, 404);
      const report = Buffer.from((await client.send(new GetCredentialReportCommand({}))).Content!).toString('utf8');
      assert.match(report.split('\n')[1]!, /^<root_account>,arn:aws:iam::111111111111:root,/);
      assert.equal((await client.send(new GetAccountSummaryCommand({}))).SummaryMap?.AccountMFAEnabled, 0);
    } finally {
      await empty.close();
    }
  });

  it('lists MFA devices by assignment status across pages', async () => {
    const assigned = await allItems(paginateListVirtualMFADevices({ client: iam }, { AssignmentStatus: 'Assigned' }), (p) => p.VirtualMFADevices);
    assert.deepEqual(
      plainOutput(assigned),
      data('iam.virtualMfaDevices').filter((d) => d.User),
    );
    const any = await allItems(paginateListVirtualMFADevices({ client: iam }, {}), (p) => p.VirtualMFADevices);
    assert.equal(any.length, 3);
  });

  it('lists attached policies and serves their URL-encoded default version', async () => {
    const policies = await allItems(paginateListPolicies({ client: iam }, { OnlyAttached: true, Scope: 'All' }), (p) => p.Policies);
    assert.deepEqual(plainOutput(policies), data('iam.attachedPolicies').map((p) => p.policy));
    const local = await iam.send(new ListPoliciesCommand({ Scope: 'Local' }));
    assert.deepEqual(local.Policies?.map((p) => p.PolicyName), ['admin']);

    for (const { policy, document } of data('iam.attachedPolicies')) {
      const out = await iam.send(new GetPolicyVersionCommand({ PolicyArn: policy.Arn, VersionId: policy.DefaultVersionId }));
      assert.notEqual(out.PolicyVersion?.Document, document, 'the document travels URL-encoded');
      assert.equal(decodeURIComponent(out.PolicyVersion!.Document!), document);
    }
    const err = await rejection(iam.send(new GetPolicyVersionCommand({ PolicyArn: SUPPORT, VersionId: 'v9' })));
    assert.equal(err.Code, 'NoSuchEntity');
  });

  it('lists users with their attached and inline policies', async () => {
    const users = await allItems(paginateListUsers({ client: iam }, {}), (p) => p.Users);
    assert.deepEqual(users.map((u) => [u.UserName, u.Arn, u.Path]), [
      ['alice', `arn:aws:iam::${MANAGEMENT}:user/alice`, '/'],
      ['bob', `arn:aws:iam::${MANAGEMENT}:user/ops/bob`, '/ops/'],
    ]);
    assert.equal(users[0]!.CreateDate?.toISOString(), '2023-05-01T09:30:00.000Z');
    for (const recorded of data('iam.userPolicies')) {
      const UserName = recorded.userName;
      const attached = await allItems(paginateListAttachedUserPolicies({ client: iam }, { UserName }), (p) => p.AttachedPolicies);
      const inline = await allItems(paginateListUserPolicies({ client: iam }, { UserName }), (p) => p.PolicyNames);
      assert.deepEqual(plainOutput(attached), recorded.attachedPolicies);
      assert.deepEqual(inline, recorded.inlinePolicyNames);
    }
    assert.ok(emu.calls.count({ operation: 'ListUserPolicies' }) >= 3, 'three inline policies take two pages');
  });

  it('lists a policy’s entities across pages, and answers a failed record with its error', async () => {
    const pages = [];
    for await (const page of paginateListEntitiesForPolicy({ client: iam }, { PolicyArn: SUPPORT })) pages.push(page);
    assert.equal(pages.length, 2);
    assert.deepEqual(plainOutput({
      roles: pages.flatMap((p) => p.PolicyRoles ?? []),
      users: pages.flatMap((p) => p.PolicyUsers ?? []),
      groups: pages.flatMap((p) => p.PolicyGroups ?? []),
    }), (data('iam.policyEntities')[SUPPORT] as { data: unknown }).data);
    const roles = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: SUPPORT, EntityFilter: 'Role' }));
    assert.deepEqual(roles.PolicyRoles?.map((r) => r.RoleName), ['support', 'support-2']);
    assert.deepEqual(roles.PolicyUsers, []);
    const err = await rejection(iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess' })));
    assert.equal(err.name, 'AccessDenied');
  });

  it('lists server certificates', async () => {
    const certs = await allItems(paginateListServerCertificates({ client: iam }, {}), (p) => p.ServerCertificateMetadataList);
    assert.deepEqual(plainOutput(certs), data('iam.serverCertificates'));
    assert.ok(certs[0]!.Expiration instanceof Date);
  });

  it('answers an operation it lacks with InvalidAction', async () => {
    const err = await rejection(iam.send(new ListRolesCommand({})));
    assert.equal(err.name, 'InvalidAction');
    assert.equal(err.$metadata.httpStatusCode, 400);
  });
});
