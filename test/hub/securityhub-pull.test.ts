import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ScanAbort } from '../../src/aws/errors.ts';
import { pullSecurityHub } from '../../src/hub/securityhub-pull.ts';
import { emulatorHttpHandler, type EmulatorWorld } from '../support/emulator/index.ts';
import {
  ACCOUNTS,
  MANAGEMENT,
  NO_SECURITY_HUB,
  REGIONS,
  SANDBOX,
  SECURITY,
  WORKLOAD,
  asffIn,
  at,
  hubWorld,
} from '../support/hub-world.ts';
import { drain, inputOf, pullOptions, sortedUnique } from './support.ts';

type Asff = { Id: string; AwsAccountId: string; Region: string; RecordState: string; Severity: { Label: string }; UpdatedAt: string };

function pull(world: EmulatorWorld, over: Parameters<typeof pullOptions>[1] = {}, pageSize = 100) {
  const em = emulatorHttpHandler(world, { pageSize });
  return { em, run: drain(pullSecurityHub(pullOptions(em, over))) };
}

const docs = (batches: { documents: unknown[] }[]) => batches.flatMap((b) => b.documents as Asff[]);
const activeIds = (world: EmulatorWorld, accounts: string[], regions: string[]) =>
  accounts.flatMap((a) => regions.flatMap((r) => asffIn(world, a, r).map((f) => f.Id))).sort();

describe('pullSecurityHub', () => {
  it('with a delegated administrator, pulls only from it, members included, every region when nothing is aggregated', async () => {
    const world = hubWorld({ admin: SECURITY });
    const { em, run } = pull(world);
    const { batches, result } = await run;

    const getFindings = em.calls.entries.filter((c) => c.operation === 'GetFindings');
    assert.deepEqual(sortedUnique(getFindings.map((c) => c.accountId)), [SECURITY]);
    assert.deepEqual(sortedUnique(getFindings.map((c) => c.region)), REGIONS, 'no aggregation: every enabled region');
    assert.deepEqual(sortedUnique(em.calls.entries.filter((c) => c.operation === 'AssumeRole').map((c) => c.accountId)), [SECURITY], 'no member role is assumed');
    assert.equal(em.calls.count({ operation: 'ListOrganizationAdminAccounts', accountId: MANAGEMENT }), 1);
    for (const c of getFindings) assert.deepEqual(Object.keys(inputOf(c).Filters as object).sort(), ['RecordState', 'Region']);

    assert.deepEqual(docs(batches).map((d) => d.Id).sort(), activeIds(world, ACCOUNTS, REGIONS));
    assert.ok(batches.every((b) => b.origin === 'securityhub' && b.accountId === SECURITY));
    assert.deepEqual(result.complete, ACCOUNTS.map((accountId) => ({ accountId, regions: REGIONS, global: true })));
    assert.deepEqual(result.issues, []);
    assert.deepEqual(result.accounts.map((a) => [a.id, a.name]), ACCOUNTS.map((id, i) => [id, ['management', 'security', 'workload', 'sandbox'][i]]));
  });

  it('raw documents: ASFF as the API returned it, control and product findings both', async () => {
    const world = hubWorld({ admin: SECURITY });
    const { batches } = await pull(world, { regions: { include: ['eu-west-1'] } }).run;
    const stored = asffIn(world, WORKLOAD, 'eu-west-1')[1]!;
    const got = docs(batches).find((d) => d.Id === stored.Id);
    assert.deepEqual(got, JSON.parse(JSON.stringify(stored)));
    assert.deepEqual(sortedUnique(docs(batches).map((d) => (d as unknown as { ProductName: string }).ProductName)), ['Inspector', 'Security Hub']);
  });

  it('with aggregation, calls the aggregation region for its linked regions and only the unlinked ones separately', async () => {
    const world = hubWorld({ admin: SECURITY });
    world.hub!.securityhub!.aggregators = { [SECURITY]: { region: 'us-east-1', mode: 'ALL_REGIONS_EXCEPT_SPECIFIED', regions: ['ap-southeast-2'] } };
    const { em, run } = pull(world);
    const { batches, result } = await run;

    const getFindings = em.calls.entries.filter((c) => c.operation === 'GetFindings');
    assert.deepEqual(sortedUnique(getFindings.map((c) => c.region)), ['ap-southeast-2', 'us-east-1'], 'eu-west-1 comes through us-east-1');
    const filtersIn = (region: string) => getFindings.filter((c) => c.region === region).map((c) => inputOf(c).Filters as Record<string, unknown>);
    assert.ok(filtersIn('us-east-1').every((f) => f.Region === undefined), 'the aggregation region is asked for everything it holds');
    for (const f of filtersIn('ap-southeast-2')) assert.deepEqual(f.Region, [{ Value: 'ap-southeast-2', Comparison: 'EQUALS' }]);
    assert.ok(batches.some((b) => b.region === 'us-east-1' && (b.documents as Asff[]).some((d) => d.Region === 'eu-west-1')));
    assert.deepEqual(docs(batches).map((d) => d.Id).sort(), activeIds(world, ACCOUNTS, REGIONS), 'nothing twice, nothing missing');
    assert.deepEqual(result.complete.map((c) => c.regions), ACCOUNTS.map(() => REGIONS));
    assert.ok(result.complete.every((c) => c.global));
  });

  it('with aggregation and --regions, asks the aggregation region for the selected linked regions only', async () => {
    const world = hubWorld({ admin: SECURITY });
    world.hub!.securityhub!.aggregators = { [SECURITY]: { region: 'us-east-1', mode: 'ALL_REGIONS' } };
    const { em, run } = pull(world, { regions: { include: ['eu-west-1'] } });
    const { batches, result } = await run;
    const getFindings = em.calls.entries.filter((c) => c.operation === 'GetFindings');
    assert.deepEqual(sortedUnique(getFindings.map((c) => c.region)), ['us-east-1']);
    for (const c of getFindings) assert.deepEqual((inputOf(c).Filters as Record<string, unknown>).Region, [{ Value: 'eu-west-1', Comparison: 'EQUALS' }]);
    assert.deepEqual(sortedUnique(docs(batches).map((d) => d.Region)), ['eu-west-1']);
    assert.deepEqual(result.complete[0], { accountId: MANAGEMENT, regions: ['eu-west-1'], global: false });
  });

  it('without an administrator: account by account through the role, each asked for its own findings; denied accounts and regions without Security Hub are issues', async () => {
    const world = hubWorld();
    world.faults = [{ operation: 'AssumeRole', accountId: SANDBOX, code: 'AccessDenied', httpStatus: 403 }];
    const { em, run } = pull(world);
    const { batches, result } = await run;

    const getFindings = em.calls.entries.filter((c) => c.operation === 'GetFindings');
    assert.deepEqual(sortedUnique(getFindings.map((c) => c.accountId)), [MANAGEMENT, SECURITY, WORKLOAD]);
    for (const c of getFindings) {
      assert.deepEqual((inputOf(c).Filters as Record<string, unknown>).AwsAccountId, [{ Value: c.accountId, Comparison: 'EQUALS' }]);
    }

    const pulled = [MANAGEMENT, SECURITY].flatMap((a) => REGIONS.flatMap((r) => asffIn(world, a, r).map((f) => f.Id)));
    pulled.push(...['eu-west-1', 'us-east-1'].flatMap((r) => asffIn(world, WORKLOAD, r).map((f) => f.Id)));
    assert.deepEqual(docs(batches).map((d) => d.Id).sort(), pulled.sort());
    assert.ok(batches.every((b) => (b.documents as Asff[]).every((d) => d.AwsAccountId === b.accountId)));

    assert.deepEqual(
      result.issues.map((i) => [i.accountId, i.region, i.code]),
      [
        [WORKLOAD, NO_SECURITY_HUB.region, 'InvalidAccessException'],
        [SANDBOX, undefined, 'AccessDenied'],
      ],
    );
    assert.deepEqual(result.complete, [
      { accountId: MANAGEMENT, regions: REGIONS, global: true },
      { accountId: SECURITY, regions: REGIONS, global: true },
      { accountId: WORKLOAD, regions: ['eu-west-1', 'us-east-1'], global: false },
    ]);
  });

  it('falls back to account-by-account pulls when the administrator cannot be asked', async () => {
    const world = hubWorld({ admin: SECURITY });
    world.faults = [{ service: 'securityhub', operation: 'ListOrganizationAdminAccounts', code: 'AccessDeniedException' }];
    const { em, run } = pull(world, { regions: { include: ['us-east-1'] } });
    const { result } = await run;
    assert.deepEqual(result.issues.map((i) => [i.accountId, i.code]), [[MANAGEMENT, 'AccessDeniedException']]);
    assert.deepEqual(sortedUnique(em.calls.entries.filter((c) => c.operation === 'GetFindings').map((c) => c.accountId)), ACCOUNTS);
    assert.equal(result.complete.length, ACCOUNTS.length);
  });

  it('pages through GetFindings, 100 at most per page, a batch per page', async () => {
    const world = hubWorld({ admin: SECURITY, extra: 240 });
    const { em, run } = pull(world, { regions: { include: ['eu-west-1'] } }, 1000);
    const { batches } = await run;
    const expected = activeIds(world, ACCOUNTS, ['eu-west-1']);
    assert.ok(expected.length > 700);
    assert.deepEqual(docs(batches).map((d) => d.Id).sort(), expected);
    const calls = em.calls.entries.filter((c) => c.operation === 'GetFindings');
    assert.equal(calls.length, Math.ceil(expected.length / 100));
    assert.equal(batches.length, calls.length);
    assert.ok(calls.every((c) => inputOf(c).MaxResults === 100));
    assert.ok(calls.slice(1).every((c) => typeof inputOf(c).NextToken === 'string'));
  });

  it('sends the since and severity filters, includes archivals, and claims nothing complete', async () => {
    const world = hubWorld({ admin: SECURITY });
    const since = new Date(at(20));
    const { em, run } = pull(world, { since, minSeverity: 'high' });
    const { batches, result } = await run;
    for (const c of em.calls.entries.filter((x) => x.operation === 'GetFindings')) {
      const f = inputOf(c).Filters as Record<string, unknown>;
      assert.deepEqual(f.UpdatedAt, [{ Start: since.toISOString(), End: '2999-12-31T23:59:59.999Z' }]);
      assert.deepEqual(f.SeverityLabel, [
        { Value: 'HIGH', Comparison: 'EQUALS' },
        { Value: 'CRITICAL', Comparison: 'EQUALS' },
      ]);
      assert.equal(f.RecordState, undefined, 'archived findings too');
    }
    const got = docs(batches);
    assert.ok(got.length > 0);
    assert.ok(got.every((d) => ['HIGH', 'CRITICAL'].includes(d.Severity.Label) && d.UpdatedAt >= since.toISOString()));
    assert.ok(got.some((d) => d.RecordState === 'ARCHIVED'), 'an archival since `since` is seen');
    assert.deepEqual(result.complete, []);
  });

  it('retries throttling; throttling that outlasts the retries leaves that region out', async () => {
    const world = hubWorld({ admin: SECURITY });
    world.faults = [
      { service: 'securityhub', operation: 'GetFindings', region: 'us-east-1', code: 'TooManyRequestsException', times: 2 },
      { service: 'securityhub', operation: 'GetFindings', region: 'eu-west-1', code: 'TooManyRequestsException' },
    ];
    const { em, run } = pull(world);
    const { batches, result } = await run;
    assert.equal(em.calls.count({ operation: 'GetFindings', region: 'us-east-1', errorCode: 'TooManyRequestsException' }), 2);
    assert.equal(em.calls.count({ operation: 'GetFindings', region: 'eu-west-1', errorCode: 'TooManyRequestsException' }), 4, 'maxThrottledAttempts');
    assert.deepEqual(result.issues.map((i) => [i.accountId, i.region, i.code]), [[SECURITY, 'eu-west-1', 'TooManyRequestsException']]);
    assert.deepEqual(sortedUnique(docs(batches).map((d) => d.Region)), ['ap-southeast-2', 'us-east-1']);
    assert.ok(result.complete.every((c) => c.regions.join() === 'ap-southeast-2,us-east-1' && !c.global));
  });

  it('pulls the calling account alone by default, and refuses unknown region names', async () => {
    const world = hubWorld({ admin: SECURITY });
    const { em, run } = pull(world, { target: { kind: 'caller' } });
    const { batches, result } = await run;
    assert.equal(em.calls.count({ operation: 'ListOrganizationAdminAccounts' }), 0);
    assert.ok(docs(batches).every((d) => d.AwsAccountId === MANAGEMENT));
    assert.deepEqual(result.complete.map((c) => c.accountId), [MANAGEMENT]);
    assert.deepEqual(result.accounts, [{ id: MANAGEMENT }]);

    await assert.rejects(pull(world, { regions: { include: ['xx-nowhere-1'] } }).run, (err) => err instanceof ScanAbort && /xx-nowhere-1/.test(err.message));
  });
});
