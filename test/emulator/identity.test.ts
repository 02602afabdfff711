import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OrganizationsClient, paginateListAccounts, ListAccountsCommand } from '@aws-sdk/client-organizations';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startEmulator, type RunningEmulator } from '../support/emulator/index.ts';
import { clientConfig, rejection } from './clients.ts';
import { MANAGEMENT, MEMBER, ROLE, SUSPENDED, testWorld } from './world-fixture.ts';

const roleArn = (account: string, role = ROLE) => `arn:aws:iam::${account}:role/${role}`;

describe('emulator: STS and Organizations', () => {
  let emu: RunningEmulator;
  const world = testWorld({
    externalId: 'ext-123',
    faults: [{ accountId: MEMBER, operation: 'AssumeRole', code: 'AccessDenied', times: 1 }],
  });
  before(async () => {
    emu = await startEmulator(world);
  });
  after(() => emu.close());

  it('maps base credentials to the caller account', async () => {
    const out = await new STSClient(clientConfig(emu.endpoint)).send(new GetCallerIdentityCommand({}));
    assert.equal(out.Account, MANAGEMENT);
    assert.match(out.Arn ?? '', /^arn:aws:iam::111111111111:/);
  });

  it('issues credentials that scope later calls to the member account', async () => {
    const sts = new STSClient(clientConfig(emu.endpoint));
    const denied = await rejection(sts.send(new AssumeRoleCommand({ RoleArn: roleArn(MEMBER), RoleSessionName: 's', ExternalId: 'ext-123' })));
    assert.equal(denied.name, 'AccessDenied', 'the injected fault fires once');
    assert.equal(denied.$metadata.httpStatusCode, 403);

    const out = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn(MEMBER), RoleSessionName: 'audit', ExternalId: 'ext-123' }));
    assert.ok(out.Credentials?.Expiration instanceof Date);
    assert.ok(out.Credentials.Expiration.getTime() > Date.now());
    assert.equal(out.AssumedRoleUser?.Arn, `arn:aws:sts::${MEMBER}:assumed-role/${ROLE}/audit`);
    const member = new STSClient(
      clientConfig(emu.endpoint, 'eu-west-1', {
        accessKeyId: out.Credentials.AccessKeyId!,
        secretAccessKey: out.Credentials.SecretAccessKey!,
        sessionToken: out.Credentials.SessionToken!,
      }),
    );
    const who = await member.send(new GetCallerIdentityCommand({}));
    assert.equal(who.Account, MEMBER);
    assert.equal(who.Arn, `arn:aws:sts::${MEMBER}:assumed-role/${ROLE}/audit`);
    assert.equal(emu.calls.count({ accountId: MEMBER, operation: 'GetCallerIdentity', region: 'eu-west-1' }), 1);
  });

  it('denies unknown roles, accounts outside the organization and a wrong external id', async () => {
    const sts = new STSClient(clientConfig(emu.endpoint));
    for (const [arn, externalId] of [
      [roleArn(MEMBER, 'Other'), 'ext-123'],
      [roleArn('999999999999'), 'ext-123'],
      [roleArn(MANAGEMENT), 'wrong'],
      [roleArn(MANAGEMENT), undefined],
    ] as const) {
      const err = await rejection(sts.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 's', ExternalId: externalId })));
      assert.equal(err.name, 'AccessDenied', arn);
      assert.equal(err.$metadata.httpStatusCode, 403);
    }
  });

  it('answers an account with a recorded access error with that error', async () => {
    const sts = new STSClient(clientConfig(emu.endpoint));
    const err = await rejection(sts.send(new AssumeRoleCommand({ RoleArn: roleArn(SUSPENDED), RoleSessionName: 's', ExternalId: 'ext-123' })));
    assert.equal(err.name, 'AccessDenied');
    assert.equal(err.message, 'account is suspended');
  });

  it('lists every account across pages, for the management account only', async () => {
    const client = new OrganizationsClient(clientConfig(emu.endpoint));
    const pages = [];
    for await (const page of paginateListAccounts({ client }, {})) pages.push(page);
    assert.equal(pages.length, 2, 'page size 2 splits three accounts');
    const accounts = pages.flatMap((p) => p.Accounts ?? []);
    assert.deepEqual(accounts.map((a) => [a.Id, a.Status, a.State]), [
      [MANAGEMENT, 'ACTIVE', 'ACTIVE'],
      [MEMBER, 'ACTIVE', 'ACTIVE'],
      [SUSPENDED, 'SUSPENDED', 'SUSPENDED'],
    ]);
    assert.equal(accounts[1]!.JoinedTimestamp?.toISOString(), '2021-06-01T00:00:00.000Z');
    assert.equal(accounts[0]!.Arn, `arn:aws:organizations::${MANAGEMENT}:account/o-emulator01/${MANAGEMENT}`);

    const one = await client.send(new ListAccountsCommand({ MaxResults: 1 }));
    assert.equal(one.Accounts?.length, 1);
    assert.ok(one.NextToken);

    const sts = new STSClient(clientConfig(emu.endpoint));
    const creds = (await sts.send(new AssumeRoleCommand({ RoleArn: roleArn(MEMBER), RoleSessionName: 'm', ExternalId: 'ext-123' }))).Credentials!;
    const asMember = new OrganizationsClient(
      clientConfig(emu.endpoint, 'us-east-1', {
        accessKeyId: creds.AccessKeyId!,
        secretAccessKey: creds.SecretAccessKey!,
        sessionToken: creds.SessionToken!,
      }),
    );
    const err = await rejection(asMember.send(new ListAccountsCommand({})));
    assert.equal(err.name, 'AccessDeniedException');
  });

  it('logs AssumeRole against the account whose role is assumed', () => {
    const assumed = emu.calls.entries.filter((c) => c.operation === 'AssumeRole' && c.accountId === MEMBER);
    assert.ok(assumed.length >= 2);
    assert.ok(assumed.every((c) => c.service === 'sts'));
    assert.equal(assumed[0]!.errorCode, 'AccessDenied');
    assert.equal(assumed[1]!.status, 200);
  });
});
