import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { pullGuardDuty } from '../../src/hub/guardduty-pull.ts';
import { emulatorHttpHandler, type EmulatorWorld, type GuardDutyDocument } from '../support/emulator/index.ts';
import { ACCOUNTS, MANAGEMENT, NO_DETECTOR, REGIONS, SECURITY, WORKLOAD, at, hubWorld } from '../support/hub-world.ts';
import { drain, inputOf, pullOptions, sortedUnique } from './support.ts';

type Wire = { id: string; accountId: string; region: string; severity: number; updatedAt: string; service: { archived: boolean } };

function pull(world: EmulatorWorld, over: Parameters<typeof pullOptions>[1] = {}) {
  const em = emulatorHttpHandler(world, { pageSize: 1000 });
  return { em, run: drain(pullGuardDuty(pullOptions(em, over))) };
}

const docs = (batches: { documents: unknown[] }[]) => batches.flatMap((b) => b.documents as Wire[]);
const current = (world: EmulatorWorld, pick: (f: GuardDutyDocument) => boolean = () => true) =>
  world.hub!.guardduty!.findings.filter((f) => !f.Service?.Archived && pick(f)).map((f) => f.Id).sort();

describe('pullGuardDuty', () => {
  it('with a delegated administrator: its detectors in every region, members included, GetFindings in batches of at most 50', async () => {
    const world = hubWorld({ admin: SECURITY, extra: 120 });
    const { em, run } = pull(world);
    const { batches, result } = await run;

    const calls = em.calls.entries.filter((c) => c.service === 'guardduty');
    assert.deepEqual(sortedUnique(calls.filter((c) => c.operation !== 'ListOrganizationAdminAccounts').map((c) => c.accountId)), [SECURITY]);
    assert.deepEqual(sortedUnique(calls.filter((c) => c.operation === 'ListDetectors').map((c) => c.region)), REGIONS);
    const gets = calls.filter((c) => c.operation === 'GetFindings');
    const sizes = gets.map((c) => (inputOf(c).FindingIds as string[]).length);
    assert.ok(sizes.every((n) => n > 0 && n <= 50), `batch sizes ${sizes.join(',')}`);
    assert.ok(sizes.filter((n) => n === 50).length >= REGIONS.length * 2, 'full batches where there are many findings');
    for (const c of calls.filter((x) => x.operation === 'ListFindings')) {
      assert.equal(inputOf(c).MaxResults, 50);
      assert.deepEqual(inputOf(c).FindingCriteria, { Criterion: { 'service.archived': { Equals: ['false'] } } });
    }

    assert.deepEqual(docs(batches).map((d) => d.id).sort(), current(world));
    assert.equal(batches.length, gets.length, 'a batch per ListFindings page');
    assert.deepEqual(result.complete, ACCOUNTS.map((accountId) => ({ accountId, regions: REGIONS, global: true })));
    assert.deepEqual(result.issues, []);
  });

  it('raw documents are the API JSON (camelCase), as EventBridge delivers them', async () => {
    const world = hubWorld({ admin: SECURITY });
    const { batches } = await pull(world, { regions: { include: ['us-east-1'] } }).run;
    const stored = world.hub!.guardduty!.findings.find((f) => f.AccountId === WORKLOAD && f.Region === 'us-east-1')!;
    const got = docs(batches).find((d) => d.id === stored.Id) as unknown as Record<string, unknown>;
    assert.deepEqual(got, {
      schemaVersion: '2.0',
      accountId: WORKLOAD,
      region: 'us-east-1',
      partition: 'aws',
      id: stored.Id,
      arn: stored.Arn,
      type: stored.Type,
      resource: { resourceType: 'Instance', instanceDetails: { instanceId: 'i-0' } },
      service: { serviceName: 'guardduty', detectorId: 'd', archived: false, count: 1, eventFirstSeen: at(0), eventLastSeen: at(0) },
      severity: 1,
      createdAt: at(0),
      updatedAt: at(0),
      title: 'port probe 0',
      description: 'probe 0',
    });
  });

  it('account by account: each detector asked for its own account; a region without a detector is an issue, not a failure', async () => {
    const world = hubWorld();
    const { em, run } = pull(world);
    const { batches, result } = await run;
    for (const c of em.calls.entries.filter((x) => x.operation === 'ListFindings')) {
      assert.deepEqual((inputOf(c).FindingCriteria as { Criterion: Record<string, unknown> }).Criterion.accountId, { Equals: [c.accountId] });
    }
    assert.equal(em.calls.count({ operation: 'ListFindings', accountId: NO_DETECTOR.accountId, region: NO_DETECTOR.region }), 0);
    assert.deepEqual(result.issues.map((i) => [i.accountId, i.region, i.code]), [[NO_DETECTOR.accountId, NO_DETECTOR.region, 'GuardDutyNotEnabled']]);
    assert.deepEqual(
      docs(batches).map((d) => d.id).sort(),
      current(world, (f) => !(f.AccountId === NO_DETECTOR.accountId && f.Region === NO_DETECTOR.region)),
    );
    assert.deepEqual(result.complete.find((c) => c.accountId === WORKLOAD), { accountId: WORKLOAD, regions: ['ap-southeast-2', 'us-east-1'], global: false });
    assert.deepEqual(result.complete.find((c) => c.accountId === MANAGEMENT), { accountId: MANAGEMENT, regions: REGIONS, global: true });
  });

  it('since and severity: updatedAt and severity criteria, archived findings included, nothing complete', async () => {
    const world = hubWorld({ admin: SECURITY });
    const since = new Date(at(20));
    const { em, run } = pull(world, { since, minSeverity: 'high' });
    const { batches, result } = await run;
    for (const c of em.calls.entries.filter((x) => x.operation === 'ListFindings')) {
      assert.deepEqual(inputOf(c).FindingCriteria, { Criterion: { updatedAt: { GreaterThanOrEqual: since.getTime() }, severity: { GreaterThanOrEqual: 7 } } });
    }
    const got = docs(batches);
    assert.ok(got.length > 0 && got.every((d) => d.severity >= 7 && d.updatedAt >= since.toISOString()));
    assert.ok(got.some((d) => d.service.archived), 'archivals are seen');
    assert.deepEqual(result.complete, []);
  });
});
