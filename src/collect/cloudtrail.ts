import { CloudTrailClient, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { attempt, plain } from './attempt.ts';
import type { RegionalDatasets } from './inventory.ts';
import type { RegionalCollector } from './types.ts';
import { collectWanted } from './wanted.ts';

export const cloudtrailCollector: RegionalCollector = {
  id: 'cloudtrail',
  phase: 'regional',
  datasets: ['cloudtrail.trails'],
  collect(ctx, region, wanted) {
    return collectWanted<RegionalDatasets>(wanted, {
      'cloudtrail.trails': () =>
        attempt(async () => {
          const out = await ctx
            .client(CloudTrailClient, region)
            .send(new DescribeTrailsCommand({ includeShadowTrails: true }));
          return plain(out.trailList ?? []);
        }),
    });
  },
};
