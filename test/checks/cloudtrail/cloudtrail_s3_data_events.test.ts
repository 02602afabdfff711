import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import writeCheck from '../../../src/checks/cloudtrail/cloudtrail_s3_write_data_events.ts';
import readCheck from '../../../src/checks/cloudtrail/cloudtrail_s3_read_data_events.ts';
import type { Check } from '../../../src/checks/types.ts';
import type { TrailDetails } from '../../../src/collect/inventory.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';
import { details, memberView, selectors, status, trail, trailAccount, type TrailWorld } from '../lib/trail-fixtures.ts';

function run(check: Check, world: TrailWorld) {
  const results = runCheck(check, trailAccount(world));
  assert.equal(results.length, 1);
  return results[0]!;
}

const MGMT = { ReadWriteType: 'All' as const, IncludeManagementEvents: true };
const basic = (rw: 'All' | 'ReadOnly' | 'WriteOnly', values = ['arn:aws:s3']) =>
  selectors({ eventSelectors: [MGMT, { ReadWriteType: rw, IncludeManagementEvents: false, DataResources: [{ Type: 'AWS::S3::Object', Values: values }] }] });
const advanced = (...extra: { Field: string; Equals?: string[] }[]) =>
  selectors({
    advancedEventSelectors: [
      { Name: 'mgmt', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
      { Name: 's3', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: ['AWS::S3::Object'] }, ...extra] },
    ],
  });
const withSelectors = (s: TrailDetails['selectors']): TrailWorld => ({ trails: [details(trail('main'), { selectors: s })] });

describe('cloudtrail_s3_write_data_events / cloudtrail_s3_read_data_events', () => {
  it('pass with a basic selector for all buckets, read and write', () => {
    for (const check of [writeCheck, readCheck]) {
      const r = run(check, withSelectors(basic('All')));
      assert.equal(r.status, 'PASS', check.id);
      assert.equal(r.region, 'global');
    }
    assert.equal(run(writeCheck, withSelectors(basic('All'))).reason, 'trail `main` logs S3 object-level write events for all buckets');
  });

  it('a WriteOnly selector passes write and fails read', () => {
    assert.equal(run(writeCheck, withSelectors(basic('WriteOnly'))).status, 'PASS');
    const r = run(readCheck, withSelectors(basic('WriteOnly')));
    assert.equal(r.status, 'FAIL');
    assert.equal(r.reason, 'no multi-region trail logs S3 object-level read events for all buckets: trail `main` does not log S3 object-level read events for all buckets');
  });

  it('a selector for one bucket does not count', () => {
    assert.equal(run(writeCheck, withSelectors(basic('All', ['arn:aws:s3:::one/']))).status, 'FAIL');
  });

  it('advanced selectors: readOnly true excludes writes', () => {
    const s = advanced({ Field: 'readOnly', Equals: ['true'] });
    assert.equal(run(readCheck, withSelectors(s)).status, 'PASS');
    assert.equal(run(writeCheck, withSelectors(s)).status, 'FAIL');
  });

  it('advanced selectors without readOnly pass both', () => {
    assert.equal(run(readCheck, withSelectors(advanced())).status, 'PASS');
    assert.equal(run(writeCheck, withSelectors(advanced())).status, 'PASS');
  });

  it('a single-region trail does not count', () => {
    const r = run(writeCheck, { trails: [details(trail('main', { IsMultiRegionTrail: false }), { selectors: basic('All') })] });
    assert.equal(r.status, 'FAIL');
    assert.match(r.reason, /trail `main` is not multi-region/);
  });

  it('a trail that is not logging does not count', () => {
    const r = run(writeCheck, { trails: [details(trail('main'), { selectors: basic('All'), status: ok(status({ IsLogging: false })) })] });
    assert.equal(r.status, 'FAIL');
    assert.match(r.reason, /is not logging/);
  });

  it('an organization trail counts', () => {
    const r = run(writeCheck, { trails: [details(trail('org', { IsOrganizationTrail: true }), { selectors: basic('All') })] });
    assert.equal(r.status, 'PASS');
  });

  it('is ERROR when selectors could not be collected or a region could not be listed', () => {
    const s = run(writeCheck, withSelectors(failed('AccessDeniedException')));
    assert.equal(s.status, 'ERROR');
    assert.equal(s.errorCode, 'AccessDeniedException');
    const r = run(writeCheck, { ...withSelectors(ok({ eventSelectors: [MGMT], advancedEventSelectors: [] })), failedRegions: { 'eu-west-1': 'Throttling' } });
    assert.equal(r.status, 'ERROR');
    assert.equal(r.errorCode, 'Throttling');
  });

  it('fails without trails', () => {
    const r = run(readCheck, { trails: [] });
    assert.equal(r.status, 'FAIL');
    assert.match(r.reason, /the account has no CloudTrail trail/);
  });
});

describe('S3 data events in a member account of an organization', () => {
  it('is NOT_APPLICABLE when only the organization trail, unreadable here, could log them', () => {
    for (const check of [writeCheck, readCheck]) {
      const r = run(check, { trails: [memberView('org')] });
      assert.equal(r.status, 'NOT_APPLICABLE', check.id);
      assert.equal(r.reason, 'covered by organization trail `org` of account 999999999999; judged there', check.id);
    }
  });

  it('passes on an own trail logging them, and is ERROR when an own trail cannot be read', () => {
    assert.equal(run(writeCheck, { trails: [memberView('org'), details(trail('main'), { selectors: basic('All') })] }).status, 'PASS');
    const r = run(writeCheck, { trails: [memberView('org'), details(trail('main'), { selectors: failed('AccessDeniedException') })] });
    assert.equal(r.status, 'ERROR');
    assert.equal(r.errorCode, 'AccessDeniedException');
  });
});
