import { test, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { mockClient } from 'aws-sdk-client-mock';
import {
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetPolicyVersionCommand,
  IAMClient,
  ListAttachedUserPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  ListServerCertificatesCommand,
  ListUserPoliciesCommand,
  ListUsersCommand,
  ListVirtualMFADevicesCommand,
  NoSuchEntityException,
} from '@aws-sdk/client-iam';
import { createIamCollector } from '../../src/collect/iam.ts';
import type { GlobalKey } from '../../src/collect/inventory.ts';
import { awsError, testContext } from './support.ts';

const iamMock = mockClient(IAMClient);
beforeEach(() => iamMock.reset());
after(() => iamMock.restore());

const collector = createIamCollector({
  now: () => 0,
  sleep: () => Promise.reject(new Error('no polling expected')),
});
const collect = (...keys: GlobalKey[]) => collector.collect(testContext(), new Set(keys));
const created = new Date('2024-05-06T07:08:09Z');

test('only the wanted datasets are collected and only their APIs are called', async () => {
  iamMock.on(GetAccountPasswordPolicyCommand).resolves({ PasswordPolicy: { MinimumPasswordLength: 14 } });

  const result = await collect('iam.passwordPolicy');

  assert.deepEqual(Object.keys(result), ['iam.passwordPolicy']);
  assert.deepEqual(result['iam.passwordPolicy'], { ok: true, data: { MinimumPasswordLength: 14 } });
  assert.equal(iamMock.calls().length, 1);
});

test('a missing password policy (NoSuchEntity) is data null, in both error spellings', async () => {
  iamMock.on(GetAccountPasswordPolicyCommand).rejects(awsError('NoSuchEntity', { name: 'NoSuchEntityException', status: 404 }));
  assert.deepEqual((await collect('iam.passwordPolicy'))['iam.passwordPolicy'], { ok: true, data: null });

  iamMock.on(GetAccountPasswordPolicyCommand).rejects(new NoSuchEntityException({ message: 'none', $metadata: {} }));
  assert.deepEqual((await collect('iam.passwordPolicy'))['iam.passwordPolicy'], { ok: true, data: null });
});

test('AccessDenied on the password policy is a failure with the AWS code', async () => {
  iamMock.on(GetAccountPasswordPolicyCommand).rejects(awsError('AccessDenied', { status: 403 }));

  const policy = (await collect('iam.passwordPolicy'))['iam.passwordPolicy'];

  assert.equal(policy?.ok, false);
  assert.equal(!policy.ok && policy.error.code, 'AccessDenied');
});

test('account summary and assigned virtual MFA devices', async () => {
  iamMock.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 } });
  iamMock
    .on(ListVirtualMFADevicesCommand)
    .resolves({ VirtualMFADevices: [{ SerialNumber: 'arn:aws:iam::111122223333:mfa/root-account-mfa-device', EnableDate: created }] });

  const result = await collect('iam.accountSummary', 'iam.virtualMfaDevices');

  assert.deepEqual(result['iam.accountSummary'], { ok: true, data: { AccountMFAEnabled: 1, AccountAccessKeysPresent: 0 } });
  assert.deepEqual(result['iam.virtualMfaDevices'], {
    ok: true,
    data: [{ SerialNumber: 'arn:aws:iam::111122223333:mfa/root-account-mfa-device', EnableDate: '2024-05-06T07:08:09.000Z' }],
  });
  assert.equal(iamMock.commandCalls(ListVirtualMFADevicesCommand)[0]!.args[0].input.AssignmentStatus, 'Assigned');
});

test('attached policies over two pages, documents URL-decoded, one unreadable document is null', async () => {
  const doc = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}';
  iamMock
    .on(ListPoliciesCommand)
    .resolvesOnce({
      Policies: [{ PolicyName: 'Admin', Arn: 'arn:aws:iam::aws:policy/AdministratorAccess', DefaultVersionId: 'v1', CreateDate: created }],
      IsTruncated: true,
      Marker: 'page-2',
    })
    .resolves({ Policies: [{ PolicyName: 'Mine', Arn: 'arn:aws:iam::111122223333:policy/Mine', DefaultVersionId: 'v3' }], IsTruncated: false });
  iamMock
    .on(GetPolicyVersionCommand, { PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' })
    .resolves({ PolicyVersion: { Document: encodeURIComponent(doc), VersionId: 'v1', IsDefaultVersion: true } });
  iamMock.on(GetPolicyVersionCommand, { PolicyArn: 'arn:aws:iam::111122223333:policy/Mine' }).rejects(awsError('AccessDenied'));

  const result = await collect('iam.attachedPolicies');

  const listCalls = iamMock.commandCalls(ListPoliciesCommand);
  assert.equal(listCalls.length, 2);
  assert.equal(listCalls[0]!.args[0].input.OnlyAttached, true);
  assert.equal(listCalls[0]!.args[0].input.Scope, 'All');
  assert.equal(listCalls[1]!.args[0].input.Marker, 'page-2');
  assert.deepEqual(
    iamMock.commandCalls(GetPolicyVersionCommand).map((call) => call.args[0].input),
    [
      { PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess', VersionId: 'v1' },
      { PolicyArn: 'arn:aws:iam::111122223333:policy/Mine', VersionId: 'v3' },
    ],
  );
  assert.deepEqual(result['iam.attachedPolicies'], {
    ok: true,
    data: [
      {
        policy: { PolicyName: 'Admin', Arn: 'arn:aws:iam::aws:policy/AdministratorAccess', DefaultVersionId: 'v1', CreateDate: '2024-05-06T07:08:09.000Z' },
        document: doc,
      },
      { policy: { PolicyName: 'Mine', Arn: 'arn:aws:iam::111122223333:policy/Mine', DefaultVersionId: 'v3' }, document: null },
    ],
  });
});

test('user policies: attached and inline per user, users over two pages', async () => {
  iamMock
    .on(ListUsersCommand)
    .resolvesOnce({ Users: [{ UserName: 'alice', Arn: 'arn:aws:iam::111122223333:user/alice', UserId: 'A', Path: '/', CreateDate: created }], IsTruncated: true, Marker: 'm' })
    .resolves({ Users: [{ UserName: 'bob', Arn: 'arn:aws:iam::111122223333:user/bob', UserId: 'B', Path: '/', CreateDate: created }] });
  iamMock
    .on(ListAttachedUserPoliciesCommand, { UserName: 'alice' })
    .resolves({ AttachedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }] });
  iamMock.on(ListAttachedUserPoliciesCommand, { UserName: 'bob' }).resolves({ AttachedPolicies: [] });
  iamMock.on(ListUserPoliciesCommand, { UserName: 'alice' }).resolves({ PolicyNames: [] });
  iamMock.on(ListUserPoliciesCommand, { UserName: 'bob' }).resolves({ PolicyNames: ['inline-1'] });

  const result = await collect('iam.userPolicies');

  assert.deepEqual(result['iam.userPolicies'], {
    ok: true,
    data: [
      {
        userName: 'alice',
        arn: 'arn:aws:iam::111122223333:user/alice',
        attachedPolicies: [{ PolicyName: 'ReadOnlyAccess', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }],
        inlinePolicyNames: [],
      },
      { userName: 'bob', arn: 'arn:aws:iam::111122223333:user/bob', attachedPolicies: [], inlinePolicyNames: ['inline-1'] },
    ],
  });
});

test('a throttled per-user call fails the whole user-policies dataset with the AWS code', async () => {
  iamMock.on(ListUsersCommand).resolves({ Users: [{ UserName: 'alice', Arn: 'arn:a', UserId: 'A', Path: '/', CreateDate: created }] });
  iamMock.on(ListAttachedUserPoliciesCommand).rejects(awsError('Throttling', { status: 400 }));
  iamMock.on(ListUserPoliciesCommand).resolves({ PolicyNames: [] });

  const users = (await collect('iam.userPolicies'))['iam.userPolicies'];

  assert.equal(users?.ok, false);
  assert.equal(!users.ok && users.error.code, 'Throttling');
});

test('policy entities: own Collected per policy, NoSuchEntity means nothing attached', async () => {
  iamMock
    .on(ListEntitiesForPolicyCommand, { PolicyArn: 'arn:aws:iam::aws:policy/AWSSupportAccess' })
    .resolvesOnce({ PolicyRoles: [{ RoleName: 'support', RoleId: 'R1' }], IsTruncated: true, Marker: 'next' })
    .resolves({ PolicyUsers: [{ UserName: 'carol', UserId: 'U1' }], PolicyGroups: [{ GroupName: 'ops', GroupId: 'G1' }] });
  iamMock
    .on(ListEntitiesForPolicyCommand, { PolicyArn: 'arn:aws:iam::aws:policy/AWSCloudShellFullAccess' })
    .rejects(awsError('NoSuchEntity', { name: 'NoSuchEntityException', status: 404 }));

  const result = await collect('iam.policyEntities');

  assert.deepEqual(result['iam.policyEntities'], {
    ok: true,
    data: {
      'arn:aws:iam::aws:policy/AWSSupportAccess': {
        ok: true,
        data: { roles: [{ RoleName: 'support', RoleId: 'R1' }], users: [{ UserName: 'carol', UserId: 'U1' }], groups: [{ GroupName: 'ops', GroupId: 'G1' }] },
      },
      'arn:aws:iam::aws:policy/AWSCloudShellFullAccess': { ok: true, data: { roles: [], users: [], groups: [] } },
    },
  });
});

test('policy entities use the partition and keep one failure on its own entry', async () => {
  iamMock.on(ListEntitiesForPolicyCommand, { PolicyArn: 'arn:aws-us-gov:iam::aws:policy/AWSSupportAccess' }).rejects(awsError('AccessDenied'));
  iamMock.on(ListEntitiesForPolicyCommand, { PolicyArn: 'arn:aws-us-gov:iam::aws:policy/AWSCloudShellFullAccess' }).resolves({});
  const ctx = { ...testContext(), partition: 'aws-us-gov' };

  const result = await collector.collect(ctx, new Set(['iam.policyEntities']));

  const entities = result['iam.policyEntities'];
  assert.ok(entities?.ok);
  assert.equal(entities.data['arn:aws-us-gov:iam::aws:policy/AWSSupportAccess']?.ok, false);
  assert.deepEqual(entities.data['arn:aws-us-gov:iam::aws:policy/AWSCloudShellFullAccess'], {
    ok: true,
    data: { roles: [], users: [], groups: [] },
  });
});

test('server certificates with expiry dates as ISO strings', async () => {
  const expiration = new Date('2025-01-01T00:00:00Z');
  iamMock.on(ListServerCertificatesCommand).resolves({
    ServerCertificateMetadataList: [
      { ServerCertificateName: 'old', ServerCertificateId: 'C1', Arn: 'arn:aws:iam::111122223333:server-certificate/old', Path: '/', Expiration: expiration },
    ],
  });

  const result = await collect('iam.serverCertificates');

  assert.deepEqual(result['iam.serverCertificates'], {
    ok: true,
    data: [{ ServerCertificateName: 'old', ServerCertificateId: 'C1', Arn: 'arn:aws:iam::111122223333:server-certificate/old', Path: '/', Expiration: '2025-01-01T00:00:00.000Z' }],
  });
});

test('every IAM call goes to the global region client', async () => {
  iamMock.onAnyCommand().resolves({});
  const ctx = testContext();

  await collector.collect(ctx, new Set(collector.datasets));

  assert.ok(ctx.asked.length > 0);
  assert.ok(ctx.asked.every((asked) => asked.region === 'us-east-1'));
});
