import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/cloudtrail/cloudtrail_multi_region_enabled.ts';
import { failed, ok, runCheck } from '../../support/checks.ts';
import { ACCOUNT, details, memberView, selectors, status, trail, trailAccount, type TrailWorld } from '../lib/trail-fixtures.ts';

function run(world: TrailWorld) {
  const results = runCheck(check, trailAccount(world));
  assert.equal(results.length, 1);
  assert.equal(results[0]!.region, 'global');
  assert.equal(results[0]!.resourceId, ACCOUNT);
  return results[0]!;
}

describe('cloudtrail_multi_region_enabled', () => {
  it('passes with a multi-region trail logging all management events, seen in 3 regions once', () => {
    const r = run({ trails: [details(trail('main'))] });
    assert.equal(r.status, 'PASS');
    assert.equal(r.reason, 'trail `main` is multi-region, logging, and records all management events (read and write)');
  });

  it('passes with advanced selectors for management events', () => {
    const t = details(trail('main'), {
      selectors: selectors({ advancedEventSelectors: [{ Name: 'm', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }] }),
    });
    assert.equal(run({ trails: [t] }).status, 'PASS');
  });

  it('fails when an advanced readOnly selector excludes writes', () => {
    const t = details(trail('main'), {
      selectors: selectors({
        advancedEventSelectors: [{ Name: 'm', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }, { Field: 'readOnly', Equals: ['true'] }] }],
      }),
    });
    const r = run({ trails: [t] });
    assert.equal(r.status, 'FAIL');
    assert.equal(r.reason, 'no multi-region trail logging all management events: trail `main` does not log all management events (read and write)');
  });

  it('passes with an organization trail visible to the account', () => {
    const r = run({ trails: [details(trail('org', { IsOrganizationTrail: true }))] });
    assert.equal(r.status, 'PASS');
    assert.match(r.reason, /^organization trail `org`/);
  });

  it('fails without trails', () => {
    const r = run({ trails: [] });
    assert.equal(r.status, 'FAIL');
    assert.equal(r.reason, 'no multi-region trail logging all management events: the account has no CloudTrail trail');
  });

  it('fails naming every shortfall of every trail', () => {
    const r = run({
      trails: [
        details(trail('a', { IsMultiRegionTrail: false }), { status: ok(status({ IsLogging: false })) }),
        details(trail('b'), { selectors: selectors({ eventSelectors: [{ IncludeManagementEvents: false, ReadWriteType: 'All' }] }) }),
      ],
    });
    assert.equal(r.status, 'FAIL');
    assert.match(r.reason, /trail `a` is not multi-region and is not logging/);
    assert.match(r.reason, /trail `b` does not log all management events/);
  });

  it('fails on a known shortfall even when other data of that trail is missing', () => {
    const r = run({ trails: [details(trail('a', { IsMultiRegionTrail: false }), { status: failed('AccessDenied') })] });
    assert.equal(r.status, 'FAIL');
  });

  it('is ERROR when the only candidate trail has no readable status or selectors', () => {
    const st = run({ trails: [details(trail('main'), { status: failed('AccessDeniedException') })] });
    assert.equal(st.status, 'ERROR');
    assert.equal(st.errorCode, 'AccessDeniedException');
    const sel = run({ trails: [details(trail('main'), { selectors: failed('TrailNotFoundException') })] });
    assert.equal(sel.status, 'ERROR');
    assert.equal(sel.errorCode, 'TrailNotFoundException');
    assert.match(sel.reason, /event selectors of trail `main` could not be collected/);
  });

  it('is ERROR, not FAIL, when no trail qualifies and a region could not be listed', () => {
    const r = run({ trails: [], failedRegions: { 'ap-southeast-2': 'UnrecognizedClientException' } });
    assert.equal(r.status, 'ERROR');
    assert.equal(r.errorCode, 'UnrecognizedClientException');
    assert.match(r.reason, /CloudTrail trails in ap-southeast-2 could not be listed/);
  });

  it('still passes when a region could not be listed but a qualifying trail is known', () => {
    assert.equal(run({ trails: [details(trail('main'))], failedRegions: { 'eu-west-1': 'AccessDenied' } }).status, 'PASS');
  });

  it('is ERROR when the trail details could not be collected', () => {
    const spec = trailAccount({ trails: [] });
    spec.global!['cloudtrail.trailDetails'] = failed('AccessDenied');
    const [r] = runCheck(check, spec);
    assert.equal(r!.status, 'ERROR');
    assert.equal(r!.errorCode, 'AccessDenied');
  });
});

describe('cloudtrail_multi_region_enabled in a member account of an organization', () => {
  it('is NOT_APPLICABLE when only the organization trail, unreadable here, could qualify', () => {
    const r = run({ trails: [memberView('org')] });
    assert.equal(r.status, 'NOT_APPLICABLE');
    assert.equal(r.reason, 'covered by organization trail `org` of account 999999999999; judged there');
    assert.equal(r.errorCode, undefined);
  });

  it('passes on an own qualifying trail next to the organization trail', () => {
    const r = run({ trails: [memberView('org'), details(trail('main'))] });
    assert.equal(r.status, 'PASS');
    assert.match(r.reason, /^trail `main`/);
  });

  it('is NOT_APPLICABLE, naming the shortfalls of own trails, when they fail and an organization trail exists', () => {
    const r = run({ trails: [memberView('org'), details(trail('local', { IsMultiRegionTrail: false }))] });
    assert.equal(r.status, 'NOT_APPLICABLE');
    assert.equal(
      r.reason,
      "covered by organization trail `org` of account 999999999999; judged there; this account's own trails do not qualify: trail `local` is not multi-region",
    );
  });

  it('still fails when own trails fail and there is no organization trail', () => {
    assert.equal(run({ trails: [details(trail('local', { IsMultiRegionTrail: false }))] }).status, 'FAIL');
  });

  it('fails on what is known of an organization trail even without its status', () => {
    const r = run({ trails: [memberView('org', { IsMultiRegionTrail: false })] });
    assert.equal(r.status, 'FAIL');
    assert.match(r.reason, /organization trail `org` is not multi-region/);
  });

  it('is ERROR when the data of the account itself is incomplete', () => {
    const ownError = run({ trails: [memberView('org'), details(trail('main'), { status: failed('AccessDeniedException') })] });
    assert.equal(ownError.status, 'ERROR');
    assert.equal(ownError.errorCode, 'AccessDeniedException');
    const listing = run({ trails: [memberView('org')], failedRegions: { 'eu-west-1': 'Throttling' } });
    assert.equal(listing.status, 'ERROR');
    assert.equal(listing.errorCode, 'Throttling');
  });
});
