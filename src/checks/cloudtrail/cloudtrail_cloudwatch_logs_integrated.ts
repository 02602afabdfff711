import type { AccountCheck, CheckResult } from '../types.ts';
import { parseDate } from '../lib/iam-days.ts';
import { INCOMPLETE } from '../lib/iam-results.ts';
import { ownerLabel, perTrailResults, trailResult, type Trail } from '../lib/trails.ts';

const MAX_DELIVERY_AGE_MS = 24 * 60 * 60 * 1000;

function judge(t: Trail, now: Date): CheckResult {
  const group = t.trail.CloudWatchLogsLogGroupArn;
  if (!group) return trailResult(t, 'FAIL', `${t.label} does not send its events to CloudWatch Logs`);
  if (!t.status.ok) {
    if (t.ownedElsewhere) {
      return trailResult(t, 'NOT_APPLICABLE', `${ownerLabel(t)} sends to \`${group}\`; its delivery status is read and judged in that account`);
    }
    const e = t.status.error;
    return trailResult(t, 'ERROR', `${t.label} sends to \`${group}\` but its delivery status could not be collected: ${e.code}: ${e.message}`, {
      errorCode: e.code,
    });
  }
  const last = t.status.data.LatestCloudWatchLogsDeliveryTime;
  const deliveryError = t.status.data.LatestCloudWatchLogsDeliveryError;
  const detail = deliveryError ? ` (latest delivery error: ${deliveryError})` : '';
  // GetTrailStatus leaves the field out until the first delivery.
  if (last === undefined) return trailResult(t, 'FAIL', `${t.label} sends to \`${group}\` but has never delivered to CloudWatch Logs${detail}`);
  const lastAt = parseDate(last);
  if (!lastAt) {
    return trailResult(t, 'ERROR', `${t.label}: GetTrailStatus gave a LatestCloudWatchLogsDeliveryTime that is not a date: \`${last}\``, {
      errorCode: INCOMPLETE,
    });
  }
  if (now.getTime() - lastAt.getTime() > MAX_DELIVERY_AGE_MS) {
    return trailResult(t, 'FAIL', `${t.label} last delivered to CloudWatch Logs at ${last}, more than 1 day ago${detail}`);
  }
  return trailResult(t, 'PASS', `${t.label} delivers to \`${group}\` (last delivery ${last})`);
}

const check: AccountCheck = {
  id: 'cloudtrail_cloudwatch_logs_integrated',
  title: 'CloudTrail trails are integrated with CloudWatch Logs',
  severity: 'low',
  scope: 'resource',
  reads: ['cloudtrail.trails', 'cloudtrail.trailDetails'],
  remediation:
    'Create a log group and a role CloudTrail can assume to write to it (logs:CreateLogStream, logs:PutLogEvents), then: aws cloudtrail update-trail --name <trail> --cloud-watch-logs-log-group-arn <log-group-arn> --cloud-watch-logs-role-arn <role-arn>',
  evaluate: (ctx) => perTrailResults(ctx, (trails) => trails.map((t) => judge(t, ctx.now))),
};

export default check;
