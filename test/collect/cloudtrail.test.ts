import { test, beforeEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { mockClient } from 'aws-sdk-client-mock';
import {
  CloudTrailClient,
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import { cloudtrailCollector } from '../../src/collect/cloudtrail.ts';
import { cloudtrailDetailsCollector } from '../../src/collect/cloudtrail-details.ts';
import { monitoringCollector } from '../../src/collect/monitoring.ts';
import type { AccountInventory, Collected, Plain } from '../../src/collect/inventory.ts';
import { ACCOUNT, awsError, callRegion, testContext } from './support.ts';

const trailMock = mockClient(CloudTrailClient);
beforeEach(() => trailMock.reset());
after(() => trailMock.restore());

const MAIN_ARN = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/main`;
const LOCAL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/local`;
const main: Plain<Trail> = { Name: 'main', TrailARN: MAIN_ARN, HomeRegion: 'eu-west-1', IsMultiRegionTrail: true };
const local: Plain<Trail> = { Name: 'local', TrailARN: LOCAL_ARN, HomeRegion: 'us-east-1', IsMultiRegionTrail: false };

function inventory(trails: Record<string, Collected<Plain<Trail>[]>>): AccountInventory {
  return {
    accountId: ACCOUNT,
    regions: Object.keys(trails),
    skippedRegions: [],
    global: {},
    regional: Object.fromEntries(Object.entries(trails).map(([region, list]) => [region, { 'cloudtrail.trails': list }])),
  };
}

test('DescribeTrails includes shadow trails and is sent in the scanned region', async () => {
  trailMock.on(DescribeTrailsCommand).resolves({ trailList: [{ ...main }] });
  const ctx = testContext();

  const result = await cloudtrailCollector.collect(ctx, 'ap-south-1', new Set(['cloudtrail.trails']));

  assert.deepEqual(result, { 'cloudtrail.trails': { ok: true, data: [main] } });
  const [call] = trailMock.commandCalls(DescribeTrailsCommand);
  assert.equal(call!.args[0].input.includeShadowTrails, true);
  assert.equal(callRegion(ctx, call!), 'ap-south-1');
});

test('DescribeTrails errors are kept with their AWS code', async () => {
  trailMock.on(DescribeTrailsCommand).rejects(awsError('UnrecognizedClientException'));

  const result = await cloudtrailCollector.collect(testContext(), 'me-south-1', new Set(['cloudtrail.trails']));

  assert.equal(result['cloudtrail.trails']?.ok, false);
  assert.equal(!result['cloudtrail.trails']!.ok && result['cloudtrail.trails']!.error.code, 'UnrecognizedClientException');
});

test('trail details are fetched once per ARN, in the home region, even when listed in 3 regions', async () => {
  const started = new Date('2026-01-01T00:00:00Z');
  trailMock.on(GetTrailStatusCommand).resolves({ IsLogging: true, StartLoggingTime: started });
  trailMock.on(GetEventSelectorsCommand).resolves({
    TrailARN: MAIN_ARN,
    EventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: 'All' }],
  });
  const ctx = testContext();
  const inv = inventory({
    'us-east-1': { ok: true, data: [main, local] },
    'eu-west-1': { ok: true, data: [main] },
    'ap-northeast-1': { ok: true, data: [main] },
    'sa-east-1': { ok: false, error: { code: 'AccessDenied', message: 'denied' } },
  });

  const result = await cloudtrailDetailsCollector.collect(ctx, inv, new Set(['cloudtrail.trailDetails']));

  const statusCalls = trailMock.commandCalls(GetTrailStatusCommand);
  const selectorCalls = trailMock.commandCalls(GetEventSelectorsCommand);
  assert.deepEqual(statusCalls.map((c) => [c.args[0].input.Name, callRegion(ctx, c)]).sort(), [
    [MAIN_ARN, 'eu-west-1'],
    [LOCAL_ARN, 'us-east-1'],
  ].sort());
  assert.deepEqual(selectorCalls.map((c) => [c.args[0].input.TrailName, callRegion(ctx, c)]).sort(), [
    [MAIN_ARN, 'eu-west-1'],
    [LOCAL_ARN, 'us-east-1'],
  ].sort());

  const details = result['cloudtrail.trailDetails'];
  assert.ok(details?.ok);
  assert.deepEqual(Object.keys(details.data).sort(), [LOCAL_ARN, MAIN_ARN].sort());
  assert.deepEqual(details.data[MAIN_ARN], {
    trail: main,
    status: { ok: true, data: { IsLogging: true, StartLoggingTime: '2026-01-01T00:00:00.000Z' } },
    selectors: {
      ok: true,
      data: { eventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: 'All' }], advancedEventSelectors: [] },
    },
  });
});

test('a failed status call stays on its trail', async () => {
  trailMock.on(GetTrailStatusCommand).rejects(awsError('TrailNotFoundException'));
  trailMock.on(GetEventSelectorsCommand).resolves({ AdvancedEventSelectors: [{ Name: 'mgmt', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }] });

  const result = await cloudtrailDetailsCollector.collect(
    testContext(),
    inventory({ 'eu-west-1': { ok: true, data: [main] } }),
    new Set(['cloudtrail.trailDetails']),
  );

  const details = result['cloudtrail.trailDetails'];
  assert.ok(details?.ok);
  const trail = details.data[MAIN_ARN]!;
  assert.equal(!trail.status.ok && trail.status.error.code, 'TrailNotFoundException');
  assert.deepEqual(trail.selectors, {
    ok: true,
    data: { eventSelectors: [], advancedEventSelectors: [{ Name: 'mgmt', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }] },
  });
});

test('when every region failed to list trails, the details fail with that error', async () => {
  const result = await cloudtrailDetailsCollector.collect(
    testContext(),
    inventory({
      'us-east-1': { ok: false, error: { code: 'AccessDenied', message: 'denied' } },
      'eu-west-1': { ok: false, error: { code: 'AccessDenied', message: 'denied' } },
    }),
    new Set(['cloudtrail.trailDetails']),
  );

  assert.deepEqual(result, { 'cloudtrail.trailDetails': { ok: false, error: { code: 'AccessDenied', message: 'denied' } } });
  assert.equal(trailMock.calls().length, 0);
});

test('no trails anywhere is an empty, successful dataset', async () => {
  const result = await cloudtrailDetailsCollector.collect(
    testContext(),
    inventory({ 'us-east-1': { ok: true, data: [] } }),
    new Set(['cloudtrail.trailDetails']),
  );

  assert.deepEqual(result, { 'cloudtrail.trailDetails': { ok: true, data: {} } });
});

test('a trail without HomeRegion is described in the region that listed it', async () => {
  trailMock.on(GetTrailStatusCommand).resolves({ IsLogging: false });
  trailMock.on(GetEventSelectorsCommand).resolves({});
  const ctx = testContext();
  const { HomeRegion: _home, ...homeless } = local;

  await cloudtrailDetailsCollector.collect(ctx, inventory({ 'ap-south-1': { ok: true, data: [homeless] } }), new Set(['cloudtrail.trailDetails']));

  assert.deepEqual(trailMock.calls().map((call) => callRegion(ctx, call)), ['ap-south-1', 'ap-south-1']);
});

test('with no scanned region the details fail with NoRegionScanned, and so does the monitoring chain', async () => {
  const inv = inventory({});
  assert.deepEqual(inv.regions, []);

  const result = await cloudtrailDetailsCollector.collect(testContext([]), inv, new Set(['cloudtrail.trailDetails']));

  const details = result['cloudtrail.trailDetails'];
  assert.equal(details?.ok, false);
  assert.equal(!details.ok && details.error.code, 'NoRegionScanned');
  assert.equal(trailMock.calls().length, 0);
  const chain = await monitoringCollector.collect(testContext([]), { ...inv, global: result }, new Set(['monitoring.chain']));
  assert.equal(!chain['monitoring.chain']?.ok && chain['monitoring.chain']?.error.code, 'NoRegionScanned');
});

test('an organization trail of another account is kept without status or selector calls', async () => {
  trailMock.on(GetTrailStatusCommand).resolves({ IsLogging: true });
  trailMock.on(GetEventSelectorsCommand).resolves({ EventSelectors: [{ IncludeManagementEvents: true, ReadWriteType: 'All' }] });
  const orgArn = 'arn:aws:cloudtrail:us-east-1:999999999999:trail/org';
  const org: Plain<Trail> = { Name: 'org', TrailARN: orgArn, HomeRegion: 'us-east-1', IsMultiRegionTrail: true, IsOrganizationTrail: true };

  const result = await cloudtrailDetailsCollector.collect(
    testContext(),
    inventory({ 'us-east-1': { ok: true, data: [org, main] }, 'eu-west-1': { ok: true, data: [org, main] } }),
    new Set(['cloudtrail.trailDetails']),
  );

  assert.deepEqual(trailMock.commandCalls(GetTrailStatusCommand).map((c) => c.args[0].input.Name), [MAIN_ARN]);
  assert.deepEqual(trailMock.commandCalls(GetEventSelectorsCommand).map((c) => c.args[0].input.TrailName), [MAIN_ARN]);
  const details = result['cloudtrail.trailDetails'];
  assert.ok(details?.ok);
  const elsewhere = {
    ok: false,
    error: { code: 'OwnedByAnotherAccount', message: 'the trail belongs to account 999999999999; its status and event selectors are read there' },
  };
  assert.deepEqual(details.data[orgArn], { trail: org, status: elsewhere, selectors: elsewhere });
  assert.equal(details.data[MAIN_ARN]?.status.ok, true);
});
