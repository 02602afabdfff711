import type { AccountCheck } from '../types.ts';
import { anyTrailResult, logsS3ObjectEvents, LOGGING, MULTI_REGION } from './trails.ts';

/** CIS 3.8 / 3.9: a multi-region, logging trail records S3 object-level events of one direction for all buckets. */
export function s3DataEventsCheck(direction: 'read' | 'write'): AccountCheck {
  const selectorType = direction === 'read' ? 'ReadOnly' : 'WriteOnly';
  const other = direction === 'read' ? 'writes' : 'reads';
  return {
    id: `cloudtrail_s3_${direction}_data_events`,
    title: `Object-level logging of S3 ${direction} events is enabled for all buckets`,
    severity: 'medium',
    scope: 'any-region',
    reads: ['cloudtrail.trails', 'cloudtrail.trailDetails'],
    remediation: `aws cloudtrail put-event-selectors --trail-name <multi-region-trail> --event-selectors '[{"ReadWriteType":"All","IncludeManagementEvents":true},{"ReadWriteType":"${selectorType}","IncludeManagementEvents":false,"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3"]}]}]'  (this replaces the trail's selectors, so keep the management-event selector and any others; use "All" in the data selector to log ${other} too)`,
    evaluate: (ctx) => [
      anyTrailResult(
        ctx,
        [
          MULTI_REGION,
          LOGGING,
          {
            on: 'selectors',
            problem: `does not log S3 object-level ${direction} events for all buckets`,
            holds: (s) => logsS3ObjectEvents(s, direction, ctx.partition),
          },
        ],
        {
          none: `no multi-region trail logs S3 object-level ${direction} events for all buckets`,
          pass: `logs S3 object-level ${direction} events for all buckets`,
        },
      ),
    ],
  };
}
