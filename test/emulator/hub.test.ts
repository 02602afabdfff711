import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  GetFindingsCommand as GetGuardDutyFindingsCommand,
  GuardDutyClient,
  ListFindingsCommand,
  ListOrganizationAdminAccountsCommand as ListGuardDutyAdminsCommand,
} from '@aws-sdk/client-guardduty';
import {
  BatchImportFindingsCommand,
  GetFindingAggregatorCommand,
  GetFindingsCommand,
  ListFindingAggregatorsCommand,
  ListOrganizationAdminAccountsCommand,
  paginateGetFindings,
  SecurityHubClient,
  type AwsSecurityFindingFilters,
} from '@aws-sdk/client-securityhub';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { startEmulator, type EmulatorWorld, type RunningEmulator } from '../support/emulator/index.ts';
import { ACCOUNTS, MANAGEMENT, NO_SECURITY_HUB, PER_REGION, ROLE, SECURITY, WORKLOAD, asffFinding, at, hubWorld } from '../support/hub-world.ts';
import { allItems, clientConfig, rejection } from './clients.ts';

describe('emulator: Security Hub and GuardDuty findings', () => {
  let emu: RunningEmulator;
  let world: EmulatorWorld;
  const creds = new Map<string, AwsCredentialIdentity>();

  async function credentialsOf(accountId: string): Promise<AwsCredentialIdentity> {
    if (accountId === MANAGEMENT) return { accessKeyId: 'AKIAHUBTEST', secretAccessKey: 'x' };
    let c = creds.get(accountId);
    if (!c) {
      const out = await new STSClient(clientConfig(emu.endpoint)).send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${accountId}:role/${ROLE}`, RoleSessionName: 'test' }),
      );
      c = { accessKeyId: out.Credentials!.AccessKeyId!, secretAccessKey: out.Credentials!.SecretAccessKey!, sessionToken: out.Credentials!.SessionToken! };
      creds.set(accountId, c);
    }
    return c;
  }
  const hub = async (accountId: string, region = 'us-east-1') => new SecurityHubClient(clientConfig(emu.endpoint, region, await credentialsOf(accountId)));
  const gd = async (accountId: string, region = 'us-east-1') => new GuardDutyClient(clientConfig(emu.endpoint, region, await credentialsOf(accountId)));
  const ids = (findings: { Id?: string }[] | undefined) => (findings ?? []).map((f) => f.Id).sort();

  before(async () => {
    world = hubWorld({ admin: SECURITY, extra: 55 });
    world.hub!.securityhub!.aggregators = { [SECURITY]: { region: 'us-east-1', mode: 'ALL_REGIONS_EXCEPT_SPECIFIED', regions: ['ap-southeast-2'] } };
    emu = await startEmulator(world, { pageSize: 1000 });
  });
  after(() => emu.close());

  it('GetFindings: an account sees its own region, the administrator its members, the aggregation region its linked regions', async () => {
    const own = await allItems(paginateGetFindings({ client: await hub(WORKLOAD, 'eu-west-1') }, {}), (p) => p.Findings);
    assert.equal(own.length, PER_REGION + 55);
    assert.ok(own.every((f) => f.AwsAccountId === WORKLOAD && f.Region === 'eu-west-1'));

    const admin = await allItems(paginateGetFindings({ client: await hub(SECURITY) }, { MaxResults: 100 }), (p) => p.Findings);
    assert.deepEqual(new Set(admin.map((f) => f.AwsAccountId)), new Set(ACCOUNTS));
    assert.deepEqual(new Set(admin.map((f) => f.Region)), new Set(['us-east-1', 'eu-west-1']), 'ap-southeast-2 is not linked');
    const elsewhere = await allItems(paginateGetFindings({ client: await hub(SECURITY, 'ap-southeast-2') }, {}), (p) => p.Findings);
    assert.deepEqual(new Set(elsewhere.map((f) => f.Region)), new Set(['ap-southeast-2']));
  });

  it('GetFindings filters: account, record state, severity, region, UpdatedAt window', async () => {
    const client = await hub(SECURITY);
    const filters: AwsSecurityFindingFilters = {
      AwsAccountId: [{ Value: WORKLOAD, Comparison: 'EQUALS' }],
      RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
      SeverityLabel: [
        { Value: 'HIGH', Comparison: 'EQUALS' },
        { Value: 'CRITICAL', Comparison: 'EQUALS' },
      ],
      Region: [{ Value: 'us-east-1', Comparison: 'EQUALS' }],
      UpdatedAt: [{ Start: at(30), End: at(10_000) }],
    };
    const out = await client.send(new GetFindingsCommand({ Filters: filters, MaxResults: 100 }));
    const expected = world.hub!.securityhub!.findings.filter(
      (f) =>
        f.AwsAccountId === WORKLOAD &&
        f.Region === 'us-east-1' &&
        f.RecordState === 'ACTIVE' &&
        f.Severity?.Label === 'HIGH' &&
        f.UpdatedAt >= at(30),
    );
    assert.ok(expected.length > 3);
    assert.deepEqual(ids(out.Findings), ids(expected));
    const notArchived = await client.send(new GetFindingsCommand({ Filters: { RecordState: [{ Value: 'ARCHIVED', Comparison: 'NOT_EQUALS' }] }, MaxResults: 100 }));
    assert.ok(notArchived.Findings!.every((f) => f.RecordState === 'ACTIVE'));
  });

  it('GetFindings refuses what AWS refuses: MaxResults over 100, a half-open date filter, a token for other filters, no hub', async () => {
    const client = await hub(SECURITY);
    assert.equal((await rejection(client.send(new GetFindingsCommand({ MaxResults: 101 })))).name, 'InvalidInputException');
    const open = await rejection(client.send(new GetFindingsCommand({ Filters: { UpdatedAt: [{ Start: at(0) }] } })));
    assert.equal(open.name, 'InvalidInputException');
    const first = await client.send(new GetFindingsCommand({ MaxResults: 10 }));
    assert.ok(first.NextToken);
    const next = await client.send(new GetFindingsCommand({ MaxResults: 10, NextToken: first.NextToken }));
    assert.equal(next.Findings?.length, 10);
    assert.notDeepEqual(ids(next.Findings), ids(first.Findings));
    const moved = await rejection(client.send(new GetFindingsCommand({ MaxResults: 10, NextToken: first.NextToken, Filters: { Region: [{ Value: 'us-east-1', Comparison: 'EQUALS' }] } })));
    assert.equal(moved.name, 'InvalidInputException');
    const unknown = await rejection(client.send(new GetFindingsCommand({ Filters: { ResourceId: [{ Value: 'x', Comparison: 'EQUALS' }] } })));
    assert.match(unknown.message, /does not support the GetFindings filter ResourceId/);
    const off = await rejection((await hub(NO_SECURITY_HUB.accountId, NO_SECURITY_HUB.region)).send(new GetFindingsCommand({})));
    assert.equal(off.name, 'InvalidAccessException');
    assert.equal(off.$metadata.httpStatusCode, 401);
  });

  it('finding aggregator and administrator accounts', async () => {
    const list = await (await hub(SECURITY, 'eu-west-1')).send(new ListFindingAggregatorsCommand({}));
    const arn = list.FindingAggregators?.[0]?.FindingAggregatorArn;
    assert.match(arn ?? '', new RegExp(`^arn:aws:securityhub:us-east-1:${SECURITY}:finding-aggregator/`));
    const agg = await (await hub(SECURITY)).send(new GetFindingAggregatorCommand({ FindingAggregatorArn: arn }));
    assert.deepEqual(
      { region: agg.FindingAggregationRegion, mode: agg.RegionLinkingMode, regions: agg.Regions },
      { region: 'us-east-1', mode: 'ALL_REGIONS_EXCEPT_SPECIFIED', regions: ['ap-southeast-2'] },
    );
    assert.deepEqual((await (await hub(WORKLOAD)).send(new ListFindingAggregatorsCommand({}))).FindingAggregators, []);

    const admins = await (await hub(MANAGEMENT)).send(new ListOrganizationAdminAccountsCommand({}));
    assert.deepEqual(admins.AdminAccounts, [{ AccountId: SECURITY, Status: 'ENABLED' }]);
    assert.equal((await rejection((await hub(WORKLOAD)).send(new ListOrganizationAdminAccountsCommand({})))).name, 'AccessDeniedException');
    const gdAdmins = await (await gd(MANAGEMENT)).send(new ListGuardDutyAdminsCommand({}));
    assert.deepEqual(gdAdmins.AdminAccounts, [{ AdminAccountId: SECURITY, AdminStatus: 'ENABLED' }]);
  });

  it('BatchImportFindings stores by (ProductArn, Id), updates in place, keeps the workflow, and refuses other accounts', async () => {
    const client = await hub(WORKLOAD, 'eu-west-1');
    const product = `arn:aws:securityhub:eu-west-1:${WORKLOAD}:product/${WORKLOAD}/default`;
    const mine = { ...asffFinding(WORKLOAD, 'eu-west-1', 0), Id: 'rampart/x', ProductArn: product, Workflow: undefined };
    const before = world.hub!.securityhub!.findings.length;
    const first = await client.send(new BatchImportFindingsCommand({ Findings: [mine] }));
    assert.deepEqual({ ok: first.SuccessCount, failed: first.FailedCount }, { ok: 1, failed: 0 });
    world.hub!.securityhub!.findings.find((f) => f.Id === 'rampart/x')!.Workflow = { Status: 'SUPPRESSED' };

    const other = { ...mine, Id: 'rampart/other', AwsAccountId: SECURITY };
    const missing = { ...mine, Id: 'rampart/missing', Title: undefined };
    const second = await client.send(new BatchImportFindingsCommand({ Findings: [{ ...mine, RecordState: 'ARCHIVED' }, other, missing] }));
    assert.equal(second.SuccessCount, 1);
    assert.deepEqual(
      second.FailedFindings?.map((f) => [f.Id, f.ErrorCode]),
      [
        ['rampart/other', 'AccessDeniedException'],
        ['rampart/missing', 'InvalidInput'],
      ],
    );
    const stored = world.hub!.securityhub!.findings.filter((f) => f.Id === 'rampart/x');
    assert.equal(stored.length, 1, 'an update, not a second finding');
    assert.equal(stored[0]!.RecordState, 'ARCHIVED');
    assert.deepEqual(stored[0]!.Workflow, { Status: 'SUPPRESSED' });
    assert.equal(world.hub!.securityhub!.findings.length, before + 1);

    const foreign = await rejection(client.send(new BatchImportFindingsCommand({ Findings: [{ ...mine, ProductArn: product.replaceAll(WORKLOAD, SECURITY) }] })));
    assert.equal(foreign.name, 'AccessDeniedException');
    const many = await rejection(client.send(new BatchImportFindingsCommand({ Findings: Array.from({ length: 101 }, (_, i) => ({ ...mine, Id: `r${i}` })) })));
    assert.equal(many.name, 'InvalidInputException');
  });

  it('GuardDuty: criteria, at most 50 per page and per GetFindings, members for the administrator only', async () => {
    const detector = `d${SECURITY}useast1`;
    const client = await gd(SECURITY);
    const criteria = { Criterion: { updatedAt: { GreaterThanOrEqual: Date.parse(at(30)) }, severity: { GreaterThanOrEqual: 7 }, accountId: { Equals: [WORKLOAD] } } };
    const listed = await client.send(new ListFindingsCommand({ DetectorId: detector, FindingCriteria: criteria, MaxResults: 50 }));
    const expected = world.hub!.guardduty!.findings.filter(
      (f) => f.AccountId === WORKLOAD && f.Region === 'us-east-1' && (f.Severity ?? 0) >= 7 && f.UpdatedAt >= at(30),
    );
    assert.deepEqual([...(listed.FindingIds ?? [])].sort(), expected.map((f) => f.Id).sort());
    const got = await client.send(new GetGuardDutyFindingsCommand({ DetectorId: detector, FindingIds: listed.FindingIds }));
    assert.deepEqual(got.Findings?.map((f) => f.Id), listed.FindingIds);
    assert.equal(typeof got.Findings?.[0]?.Service?.Archived, 'boolean');

    const all = await client.send(new ListFindingsCommand({ DetectorId: detector, MaxResults: 50 }));
    assert.equal(all.FindingIds?.length, 50);
    assert.ok(all.NextToken);
    const tooMany = await rejection(client.send(new ListFindingsCommand({ DetectorId: detector, MaxResults: 51 })));
    assert.equal(tooMany.name, 'BadRequestException');
    const fat = await rejection(client.send(new GetGuardDutyFindingsCommand({ DetectorId: detector, FindingIds: Array.from({ length: 51 }, (_, i) => `x${i}`) })));
    assert.equal(fat.name, 'BadRequestException');

    const member = await (await gd(WORKLOAD)).send(new ListFindingsCommand({ DetectorId: `d${WORKLOAD}useast1`, MaxResults: 50 }));
    assert.equal(member.FindingIds?.length, 50);
    const foreign = await rejection((await gd(WORKLOAD)).send(new ListFindingsCommand({ DetectorId: detector })));
    assert.equal(foreign.name, 'BadRequestException');
    const unarchived = await client.send(new ListFindingsCommand({ DetectorId: detector, FindingCriteria: { Criterion: { 'service.archived': { Equals: ['false'] }, accountId: { Equals: [WORKLOAD] } } }, MaxResults: 50 }));
    assert.equal(unarchived.FindingIds?.length, 48, '60 findings, every fifth archived');
  });
});
