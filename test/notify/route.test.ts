import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAlertable, lowestBar, matchRoutes, routeMatcher, type RouteAccount, type RoutedFinding } from '../../src/notify/route.ts';
import { globPattern } from '../../src/policy/match.ts';
import { routeSchema, type Route } from '../../src/policy/notifications.ts';

const route = (spec: Record<string, unknown>): Route => routeSchema.parse({ name: 'r', channels: ['c'], min_severity: 'critical', ...spec });

function f(spec: Partial<RoutedFinding> = {}): RoutedFinding {
  return {
    id: 'f1',
    source: 'guardduty',
    checkId: 'Recon:EC2/PortProbeUnprotectedPort',
    type: 'Recon:EC2/PortProbeUnprotectedPort',
    accountId: '111111111111',
    region: 'us-east-1',
    severity: 'critical',
    status: 'FAIL',
    recordState: 'ACTIVE',
    workflowStatus: 'NEW',
    ...spec,
  };
}

const prod: RouteAccount = { id: '111111111111', ouId: 'ou-ab12-cdef3456', ouPath: 'Root/Workloads/Prod' };

describe('routing', () => {
  it('applies a per-region minimum: critical in most regions, medium in ap-southeast-1', () => {
    const match = routeMatcher(route({ min_severity: 'critical', region_min_severity: { 'ap-southeast-1': 'medium' } }));
    assert.equal(match(f({ severity: 'high', region: 'us-east-1' }), prod), false);
    assert.equal(match(f({ severity: 'critical', region: 'us-east-1' }), prod), true);
    assert.equal(match(f({ severity: 'medium', region: 'ap-southeast-1' }), prod), true);
    assert.equal(match(f({ severity: 'low', region: 'ap-southeast-1' }), prod), false);
    // A global finding reported in ap-southeast-1 too meets that region's bar.
    assert.equal(match(f({ severity: 'medium', region: 'global', regions: ['us-east-1', 'ap-southeast-1'] }), prod), true);
    assert.equal(match(f({ severity: 'medium', region: 'global', regions: ['us-east-1'] }), prod), false);
  });

  it('limits a route to regions; a region outside them does not lower the bar', () => {
    const match = routeMatcher(route({ min_severity: 'high', regions: ['us-east-1', 'global'] }));
    assert.equal(match(f({ severity: 'high', region: 'us-east-1' }), prod), true);
    assert.equal(match(f({ severity: 'critical', region: 'eu-west-1' }), prod), false);
    assert.equal(match(f({ region: 'global' }), prod), true);
    assert.equal(match(f({ region: 'global', regions: ['eu-west-1'] }), prod), true);
    const lowered = routeMatcher(route({ min_severity: 'critical', regions: ['us-east-1'], region_min_severity: { 'us-east-1': 'low' } }));
    assert.equal(lowered(f({ severity: 'low', region: 'us-east-1' }), prod), true);
  });

  it('matches OUs by id or by path prefix on whole names, and accounts by id (either selects)', () => {
    const byPath = routeMatcher(route({ ous: ['Root/Workloads'] }));
    assert.equal(byPath(f(), prod), true);
    assert.equal(byPath(f(), { id: '111111111111', ouPath: 'Root/WorkloadsLegacy' }), false);
    assert.equal(byPath(f(), { id: '111111111111', ouPath: 'Root/Workloads' }), true);
    assert.equal(byPath(f(), undefined), false, 'an account whose OU is unknown is not in any OU');
    const byId = routeMatcher(route({ ous: ['ou-ab12-cdef3456'] }));
    assert.equal(byId(f(), prod), true);
    assert.equal(byId(f(), { ...prod, ouId: 'ou-ab12-99999999' }), false);
    const either = routeMatcher(route({ accounts: ['222222222222'], ous: ['Root/Sandbox'] }));
    assert.equal(either(f({ accountId: '222222222222' }), undefined), true);
    assert.equal(either(f(), prod), false);
    assert.equal(either(f(), { ...prod, ouPath: 'Root/Sandbox/Team1' }), true);
  });

  it('matches types by glob on the finding type or the check id', () => {
    const match = routeMatcher(route({ types: ['TTPs/*', 'Recon:EC2/*', 'iam_root_?fa_enabled'] }));
    assert.equal(match(f(), prod), true);
    assert.equal(match(f({ type: 'TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce', checkId: 'x' }), prod), true);
    assert.equal(match(f({ type: 'Software and Configuration Checks/AWS Security Best Practices', checkId: 'IAM.6' }), prod), false);
    assert.equal(match(f({ type: undefined, checkId: 'iam_root_mfa_enabled', source: 'rampart' }), prod), true);
    assert.equal(match(f({ type: 'Recon:IAMUser/MaliciousIPCaller', checkId: 'Recon:IAMUser/MaliciousIPCaller' }), prod), false);
    assert.equal(globPattern('a.b*').test('aXb'), false, 'only * and ? are special');
  });

  it('matches sources by source or producing product', () => {
    const match = routeMatcher(route({ sources: ['inspector', 'rampart'] }));
    assert.equal(match(f({ source: 'securityhub', product: 'Inspector' }), prod), true);
    assert.equal(match(f({ source: 'rampart' }), prod), true);
    assert.equal(match(f({ source: 'guardduty', product: 'GuardDuty' }), prod), false);
    assert.equal(routeMatcher(route({ sources: ['securityhub'] }))(f({ source: 'asff', product: 'Security Hub' }), prod), true);
  });

  it('never routes a closed, resolved or passing finding', () => {
    const match = routeMatcher(route({ min_severity: 'informational' }));
    for (const closed of [
      { recordState: 'ARCHIVED' as const },
      { workflowStatus: 'RESOLVED' as const },
      { workflowStatus: 'SUPPRESSED' as const },
      { resolvedAt: '2026-11-20T06:00:00.000Z' },
      { status: 'PASS' as const },
      { status: 'ERROR' as const },
    ]) {
      assert.equal(isAlertable(f(closed)), false, JSON.stringify(closed));
      assert.equal(match(f(closed), prod), false);
    }
    assert.equal(match(f({ workflowStatus: 'NOTIFIED' }), prod), true);
  });

  it('emits one entry per matching route and channel, and the lowest bar of all routes', () => {
    const routes = [
      route({ name: 'crit', channels: ['slack', 'mail'] }),
      route({ name: 'apse1', min_severity: 'critical', region_min_severity: { 'ap-southeast-1': 'low' }, channels: ['slack'] }),
    ];
    const findings = [f({ id: 'x' }), f({ id: 'y', severity: 'low', region: 'ap-southeast-1' })];
    assert.deepEqual(matchRoutes(findings, routes, new Map([[prod.id, prod]])), [
      { route: 'crit', channel: 'slack', findingId: 'x' },
      { route: 'crit', channel: 'mail', findingId: 'x' },
      { route: 'apse1', channel: 'slack', findingId: 'x' },
      { route: 'apse1', channel: 'slack', findingId: 'y' },
    ]);
    assert.equal(lowestBar(routes), 'low');
    assert.equal(lowestBar([route({ min_severity: 'high' })]), 'high');
  });
});
