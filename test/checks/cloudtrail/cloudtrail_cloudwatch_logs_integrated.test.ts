import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import check from '../../../src/checks/cloudtrail/cloudtrail_cloudwatch_logs_integrated.ts';
import { failed, ok, runCheck, TEST_NOW } from '../../support/checks.ts';
import { details, memberView, status, trail, trailAccount } from '../lib/trail-fixtures.ts';
import type { TrailDetails } from '../../../src/collect/inventory.ts';

function one(d: TrailDetails) {
  const results = runCheck(check, trailAccount({ trails: [d] }));
  assert.equal(results.length, 1);
  return results[0]!;
}

const hoursAgo = (h: number) => new Date(TEST_NOW.getTime() - h * 3600 * 1000).toISOString();

describe('cloudtrail_cloudwatch_logs_integrated', () => {
  it('passes when the trail delivered to CloudWatch Logs within the last day', () => {
    const r = one(details(trail('main'), { status: ok(status({ LatestCloudWatchLogsDeliveryTime: hoursAgo(23) })) }));
    assert.equal(r.status, 'PASS');
    assert.match(r.reason, /delivers to `arn:aws:logs:us-east-1:111111111111:log-group:main-group:\*`/);
  });

  it('fails without a log group', () => {
    const r = one(details(trail('main', { CloudWatchLogsLogGroupArn: undefined })));
    assert.equal(r.status, 'FAIL');
    assert.equal(r.reason, 'trail `main` does not send its events to CloudWatch Logs');
  });

  it('fails when the last delivery is older than 1 day', () => {
    const last = hoursAgo(25);
    const r = one(details(trail('main'), { status: ok(status({ LatestCloudWatchLogsDeliveryTime: last, LatestCloudWatchLogsDeliveryError: 'AccessDenied' })) }));
    assert.equal(r.status, 'FAIL');
    assert.equal(r.reason, `trail \`main\` last delivered to CloudWatch Logs at ${last}, more than 1 day ago (latest delivery error: AccessDenied)`);
  });

  it('fails when nothing was ever delivered', () => {
    const r = one(details(trail('main'), { status: ok(status({ LatestCloudWatchLogsDeliveryTime: undefined })) }));
    assert.equal(r.status, 'FAIL');
    assert.match(r.reason, /has never delivered to CloudWatch Logs/);
  });

  it('is ERROR IncompleteData when the last delivery time is not a date', () => {
    for (const bad of ['yesterday', '']) {
      const r = one(details(trail('main'), { status: ok(status({ LatestCloudWatchLogsDeliveryTime: bad })) }));
      assert.equal(r.status, 'ERROR', bad);
      assert.equal(r.errorCode, 'IncompleteData');
      assert.equal(r.reason, `trail \`main\`: GetTrailStatus gave a LatestCloudWatchLogsDeliveryTime that is not a date: \`${bad}\``);
    }
  });

  it('is ERROR when the delivery status could not be collected', () => {
    const r = one(details(trail('main'), { status: failed('AccessDeniedException') }));
    assert.equal(r.status, 'ERROR');
    assert.equal(r.errorCode, 'AccessDeniedException');
  });

  it('a trail without a log group fails even when its status is unknown', () => {
    const r = one(details(trail('main', { CloudWatchLogsLogGroupArn: undefined }), { status: failed('AccessDeniedException') }));
    assert.equal(r.status, 'FAIL');
  });
});

describe('cloudtrail_cloudwatch_logs_integrated in a member account of an organization', () => {
  it('the organization trail, whose status is read in its own account, is NOT_APPLICABLE here', () => {
    const r = one(memberView('org'));
    assert.equal(r.status, 'NOT_APPLICABLE');
    assert.equal(r.resourceId, 'arn:aws:cloudtrail:us-east-1:999999999999:trail/org');
    assert.equal(
      r.reason,
      'organization trail `org` of account 999999999999 sends to `arn:aws:logs:us-east-1:999999999999:log-group:org-group:*`; its delivery status is read and judged in that account',
    );
  });

  it('an organization trail without a log group still fails: that is known here', () => {
    assert.equal(one(memberView('org', { CloudWatchLogsLogGroupArn: undefined })).status, 'FAIL');
  });
});
