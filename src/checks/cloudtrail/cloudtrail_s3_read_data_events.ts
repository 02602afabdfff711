import type { AccountCheck } from '../types.ts';
import { anyTrailResult, logsS3ObjectEvents, LOGGING, MULTI_REGION } from '../lib/trails.ts';

const check: AccountCheck = {
  id: 'cloudtrail_s3_read_data_events',
  title: 'Object-level logging of S3 read events is enabled for all buckets',
  severity: 'medium',
  scope: 'any-region',
  reads: ['cloudtrail.trails', 'cloudtrail.trailDetails'],
  remediation:
    `aws cloudtrail put-event-selectors --trail-name <multi-region-trail> --event-selectors '[{"ReadWriteType":"All","IncludeManagementEvents":true},{"ReadWriteType":"ReadOnly","IncludeManagementEvents":false,"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3"]}]}]'  (this replaces the trail's selectors, so keep the management-event selector and any others; use "All" in the data selector to log writes too)`,
  evaluate: (ctx) => [
    anyTrailResult(
      ctx,
      [
        MULTI_REGION,
        LOGGING,
        {
          on: 'selectors',
          problem: 'does not log S3 object-level read events for all buckets',
          holds: (s) => logsS3ObjectEvents(s, 'read', ctx.partition),
        },
      ],
      {
        none: 'no multi-region trail logs S3 object-level read events for all buckets',
        pass: 'logs S3 object-level read events for all buckets',
      },
    ),
  ],
};

export default check;
