import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../src/findings/model.ts';
import { exportToSecurityHub, type ExportItem } from '../../src/hub/securityhub-export.ts';
import { emulatorHttpHandler, type EmulatorWorld } from '../support/emulator/index.ts';
import { MANAGEMENT, NO_SECURITY_HUB, SANDBOX, SECURITY, WORKLOAD, hubWorld } from '../support/hub-world.ts';
import { finding } from '../report/fixtures.ts';
import { inputOf, pullOptions } from './support.ts';

const NOW = new Date('2026-11-21T06:00:00.000Z');

function exportWorld(): EmulatorWorld {
  const world = hubWorld();
  world.hub!.securityhub!.findings = [];
  return world;
}

function run(world: EmulatorWorld, items: ExportItem[]) {
  const em = emulatorHttpHandler(world, { pageSize: 1000 });
  const { target: _t, regions: _r, ...access } = pullOptions(em);
  return { em, result: exportToSecurityHub(items, { ...access, now: NOW }) };
}

const rampart = (accountId: string, region: string, n: number, over: Partial<Finding> = {}): Finding =>
  finding({ checkId: `check_${n}`, accountId, region, resourceId: `res-${n}`, status: 'FAIL', ...over });

const stored = (world: EmulatorWorld, accountId: string, region?: string) =>
  world.hub!.securityhub!.findings.filter((f) => f.AwsAccountId === accountId && (region === undefined || f.Region === region));

describe('exportToSecurityHub', () => {
  it('sends each finding in its own account and region, 100 at most per call, global ones to the home region, resolved ones ARCHIVED', async () => {
    const world = exportWorld();
    const items: ExportItem[] = [
      ...Array.from({ length: 250 }, (_, n) => ({ finding: rampart(WORKLOAD, 'eu-west-1', n), resolved: n % 10 === 0 })),
      ...Array.from({ length: 3 }, (_, n) => ({ finding: rampart(MANAGEMENT, 'us-east-1', n), resolved: false })),
      { finding: rampart(SECURITY, 'global', 1, { resourceType: 'AwsAccount' }), resolved: false },
    ];
    const { em, result } = run(world, items);
    const out = await result;

    const calls = em.calls.entries.filter((c) => c.operation === 'BatchImportFindings');
    for (const c of calls) {
      const sent = inputOf(c).Findings as { AwsAccountId: string; Region: string }[];
      assert.ok(sent.length <= 100);
      assert.ok(sent.every((f) => f.AwsAccountId === c.accountId && f.Region === c.region), 'from the finding’s own account, in its region');
    }
    assert.deepEqual(calls.map((c) => [c.accountId, c.region, (inputOf(c).Findings as unknown[]).length]).sort(), [
      [MANAGEMENT, 'us-east-1', 3],
      [SECURITY, 'us-east-1', 1],
      [WORKLOAD, 'eu-west-1', 100],
      [WORKLOAD, 'eu-west-1', 100],
      [WORKLOAD, 'eu-west-1', 50],
    ]);
    assert.deepEqual(out.imported, [
      { accountId: MANAGEMENT, region: 'us-east-1', active: 3, archived: 0 },
      { accountId: SECURITY, region: 'us-east-1', active: 1, archived: 0 },
      { accountId: WORKLOAD, region: 'eu-west-1', active: 225, archived: 25 },
    ]);
    assert.deepEqual(out.failed, []);
    assert.deepEqual(out.issues, []);
    assert.equal(stored(world, WORKLOAD, 'eu-west-1').filter((f) => f.RecordState === 'ARCHIVED').length, 25);
    const archived = stored(world, WORKLOAD).find((f) => f.RecordState === 'ARCHIVED')!;
    assert.equal(archived.UpdatedAt, NOW.toISOString());
    assert.equal(stored(world, SECURITY, 'us-east-1')[0]!.ProductArn, `arn:aws:securityhub:us-east-1:${SECURITY}:product/${SECURITY}/default`);
  });

  it('a re-export updates the same findings (stable Ids) and archives the newly resolved', async () => {
    const world = exportWorld();
    const first = Array.from({ length: 120 }, (_, n) => ({ finding: rampart(WORKLOAD, 'us-east-1', n), resolved: false }));
    await run(world, first).result;
    const ids = stored(world, WORKLOAD).map((f) => f.Id).sort();
    assert.equal(ids.length, 120);

    const resolvedAt = '2026-11-21T05:00:00.000Z';
    const again = first.map(({ finding: f }, n) => ({
      finding: { ...f, observedAt: '2026-11-21T04:00:00.000Z', firstSeen: '2026-11-01T00:00:00.000Z', ...(n < 7 ? { resolvedAt } : {}) },
      resolved: n < 7,
    }));
    const out = await run(world, again).result;
    assert.deepEqual(out.imported, [{ accountId: WORKLOAD, region: 'us-east-1', active: 113, archived: 7 }]);
    assert.deepEqual(stored(world, WORKLOAD).map((f) => f.Id).sort(), ids, 'updated in place, nothing added');
    const archived = stored(world, WORKLOAD).filter((f) => f.RecordState === 'ARCHIVED');
    assert.equal(archived.length, 7);
    assert.ok(archived.every((f) => f.UpdatedAt === resolvedAt && f.CreatedAt === '2026-11-01T00:00:00.000Z'));
  });

  it('reports refused findings, denied accounts and regions without Security Hub as data, and exports the rest', async () => {
    const world = exportWorld();
    const refusedFinding = rampart(MANAGEMENT, 'us-east-1', 2);
    world.faults = [{ operation: 'AssumeRole', accountId: SANDBOX, code: 'AccessDenied', httpStatus: 403 }];
    const items: ExportItem[] = [
      ...[0, 1, 2].map((n) => ({ finding: rampart(MANAGEMENT, 'us-east-1', n), resolved: false })),
      ...[0, 1].map((n) => ({ finding: rampart(SANDBOX, 'us-east-1', n), resolved: false })),
      ...[0, 1, 2, 3].map((n) => ({ finding: rampart(WORKLOAD, NO_SECURITY_HUB.region, n), resolved: false })),
      { finding: rampart(WORKLOAD, 'us-east-1', 9, { resourceId: 'x'.repeat(300 * 1024) }), resolved: false },
    ];
    const { em, result } = run(world, items);
    const asffId = `rampart/check_2/${MANAGEMENT}/us-east-1/${refusedFinding.id}`;
    world.hub!.securityhub!.importFailures = [{ id: asffId, code: 'InvalidInput', message: 'Finding does not adhere to Amazon Finding Format.' }];
    const out = await result;

    assert.deepEqual(out.imported, [{ accountId: MANAGEMENT, region: 'us-east-1', active: 2, archived: 0 }]);
    const large = items.at(-1)!.finding;
    assert.deepEqual(
      out.failed.map((f) => [f.id, f.findingId, f.code]),
      [
        [asffId, refusedFinding.id, 'InvalidInput'],
        [`rampart/check_9/${WORKLOAD}/us-east-1/${large.id}`, large.id, 'FindingTooLarge'],
      ],
    );
    assert.deepEqual(
      out.issues.map((i) => [i.accountId, i.region, i.code]),
      [
        [WORKLOAD, NO_SECURITY_HUB.region, 'InvalidAccessException'],
        [SANDBOX, undefined, 'AccessDenied'],
      ],
    );
    assert.match(out.issues[0]!.message, /4 findings not exported/);
    assert.match(out.issues[1]!.message, /2 findings not exported/);
    assert.equal(em.calls.count({ operation: 'BatchImportFindings', accountId: SANDBOX }), 0);
    assert.equal(em.calls.count({ operation: 'BatchImportFindings', accountId: WORKLOAD, region: 'us-east-1' }), 0, 'a too-large finding is never sent');
  });

  it('keeps each request under 6 MB', async () => {
    const world = exportWorld();
    const items = Array.from({ length: 100 }, (_, n) => ({ finding: rampart(MANAGEMENT, 'eu-west-1', n, { resourceId: `r${n}-${'x'.repeat(100 * 1024)}` }), resolved: false }));
    const { em, result } = run(world, items);
    const out = await result;
    assert.deepEqual(out.issues, []);
    assert.deepEqual(out.imported, [{ accountId: MANAGEMENT, region: 'eu-west-1', active: 100, archived: 0 }]);
    const sizes = em.calls.entries.filter((c) => c.operation === 'BatchImportFindings').map((c) => Buffer.byteLength(c.input));
    assert.ok(sizes.length >= 2 && sizes.every((s) => s < 6 * 1024 * 1024), sizes.join(','));
  });
});
