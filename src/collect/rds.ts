import { paginateDescribeDBInstances, RDSClient } from '@aws-sdk/client-rds';
import { attempt, plain } from './attempt.ts';
import type { RegionalDatasets } from './inventory.ts';
import { allItems } from './pages.ts';
import type { RegionalCollector } from './types.ts';
import { collectWanted } from './wanted.ts';

export const rdsCollector: RegionalCollector = {
  id: 'rds',
  phase: 'regional',
  datasets: ['rds.instances'],
  collect(ctx, region, wanted) {
    return collectWanted<RegionalDatasets>(wanted, {
      'rds.instances': () =>
        attempt(async () => {
          const client = ctx.client(RDSClient, region);
          return plain(await allItems(paginateDescribeDBInstances({ client }, {}), (page) => page.DBInstances));
        }),
    });
  },
};
