import type { AccountCheck } from '../types.ts';
import { anyTrailResult, MANAGEMENT_TRAIL } from '../lib/trails.ts';

const check: AccountCheck = {
  id: 'cloudtrail_multi_region_enabled',
  title: 'A multi-region CloudTrail trail is logging all management events',
  severity: 'high',
  scope: 'any-region',
  reads: ['cloudtrail.trails', 'cloudtrail.trailDetails'],
  remediation: [
    'Create (or update) a multi-region trail that logs all management events, read and write, and start it:',
    'aws cloudtrail create-trail --name <trail> --s3-bucket-name <bucket> --is-multi-region-trail',
    `aws cloudtrail put-event-selectors --trail-name <trail> --event-selectors '[{"ReadWriteType":"All","IncludeManagementEvents":true}]'`,
    'aws cloudtrail start-logging --name <trail>',
  ].join('\n'),
  evaluate: (ctx) => [
    anyTrailResult(ctx, MANAGEMENT_TRAIL, {
      none: 'no multi-region trail logging all management events',
      pass: 'is multi-region, logging, and records all management events (read and write)',
    }),
  ],
};

export default check;
