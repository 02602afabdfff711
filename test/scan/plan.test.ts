import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planScan } from '../../src/scan/plan.ts';
import { loadChecks } from '../../src/checks/registry.ts';
import { COLLECTORS } from '../../src/collect/registry.ts';
import type { Framework } from '../../src/frameworks/types.ts';
import cis300 from '../../src/frameworks/cis-aws-3.0.0.ts';

test('a framework pulls in only the collectors its checks need, final-phase inputs included', async () => {
  const checks = await loadChecks();
  const onlyMonitoring: Framework = { id: 'x', name: 'x', version: '1', requirements: [{ id: '4.3', title: 't', section: 'Monitoring', level: 1, checks: ['monitoring_root_usage'] }] };
  const plan = planScan(onlyMonitoring, checks, COLLECTORS);
  const ids = plan.collectors.map((c) => c.id).sort();
  assert.ok(ids.includes('cloudtrail'), 'the regional trail lists feed trail details');
  assert.ok(!ids.includes('ec2') && !ids.includes('iam'), `unneeded collectors planned: ${ids.join(', ')}`);
  assert.ok(plan.wantedRegional.has('cloudtrail.trails'));
  assert.ok(plan.wantedGlobal.has('monitoring.chain'));
  assert.ok(!plan.wantedGlobal.has('iam.credentialReport'));
});

test('the full framework plans every dataset its checks read', async () => {
  const checks = await loadChecks();
  const plan = planScan(cis300, checks, COLLECTORS);
  for (const c of plan.checks) {
    for (const d of c.reads) assert.ok(plan.wantedGlobal.has(d as never) || plan.wantedRegional.has(d as never), `${c.id} reads unplanned ${d}`);
  }
});

test('a framework naming an unknown check is refused', async () => {
  const bad: Framework = { id: 'x', name: 'x', version: '1', requirements: [{ id: '1', title: 't', section: 's', level: 1, checks: ['no_such_check'] }] };
  assert.throws(() => planScan(bad, new Map(), COLLECTORS), /names check no_such_check/);
});
