import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/cloudtrail/cloudtrail_log_file_validation.ts';
import { runCheck } from '../../support/checks.ts';
import { ACCOUNT, details, trail, trailAccount } from '../lib/trail-fixtures.ts';

describe('cloudtrail_log_file_validation', () => {
  it('judges each unique trail once, in its home region', () => {
    const results = runCheck(
      check,
      trailAccount({
        trails: [
          details(trail('main')),
          details(trail('local', { IsMultiRegionTrail: false, HomeRegion: 'eu-west-1', LogFileValidationEnabled: false })),
        ],
      }),
    );
    assert.equal(results.length, 2);
    const [local, main] = [...results].sort((a, b) => a.resourceId.localeCompare(b.resourceId));
    assert.equal(local!.status, 'FAIL');
    assert.equal(local!.region, 'eu-west-1');
    assert.equal(local!.resourceId, `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:trail/local`);
    assert.equal(local!.resourceType, 'AwsCloudTrailTrail');
    assert.equal(local!.reason, 'trail `local` does not have log file validation enabled');
    assert.equal(main!.status, 'PASS');
    assert.equal(main!.region, 'us-east-1');
  });

  it('judges an organization trail like any other', () => {
    const [r] = runCheck(check, trailAccount({ trails: [details(trail('org', { IsOrganizationTrail: true, LogFileValidationEnabled: false }))] }));
    assert.equal(r!.status, 'FAIL');
    assert.equal(r!.reason, 'organization trail `org` does not have log file validation enabled');
  });

  it('is ERROR IncompleteData when the trail does not say whether validation is on', () => {
    const [r] = runCheck(check, trailAccount({ trails: [details(trail('main', { LogFileValidationEnabled: undefined }))] }));
    assert.equal(r!.status, 'ERROR');
    assert.equal(r!.errorCode, 'IncompleteData');
    assert.equal(r!.reason, 'trail `main`: DescribeTrails gave no LogFileValidationEnabled value');
  });

  it('fails once for the account without trails', () => {
    const results = runCheck(check, trailAccount({ trails: [] }));
    assert.deepEqual(
      results.map((r) => [r.status, r.region, r.resourceId, r.reason]),
      [['FAIL', 'global', ACCOUNT, 'no CloudTrail trail']],
    );
  });

  it('reports ERROR for a region whose trails could not be listed, and no FAIL', () => {
    const results = runCheck(check, trailAccount({ trails: [], failedRegions: { 'eu-west-1': 'AccessDenied' } }));
    assert.deepEqual(results.map((r) => [r.status, r.region, r.errorCode]), [['ERROR', 'eu-west-1', 'AccessDenied']]);
  });

  it('still judges the known trails when a region could not be listed', () => {
    const results = runCheck(check, trailAccount({ trails: [details(trail('main'))], failedRegions: { 'eu-west-1': 'AccessDenied' } }));
    assert.deepEqual(results.map((r) => r.status).sort(), ['ERROR', 'PASS']);
  });
});
