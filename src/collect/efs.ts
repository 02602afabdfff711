import { EFSClient, paginateDescribeFileSystems } from '@aws-sdk/client-efs';
import { attempt, plain } from './attempt.ts';
import type { RegionalDatasets } from './inventory.ts';
import { allItems } from './pages.ts';
import type { RegionalCollector } from './types.ts';
import { collectWanted } from './wanted.ts';

export const efsCollector: RegionalCollector = {
  id: 'efs',
  phase: 'regional',
  datasets: ['efs.fileSystems'],
  collect(ctx, region, wanted) {
    return collectWanted<RegionalDatasets>(wanted, {
      'efs.fileSystems': () =>
        attempt(async () => {
          const client = ctx.client(EFSClient, region);
          return plain(await allItems(paginateDescribeFileSystems({ client }, {}), (page) => page.FileSystems));
        }),
    });
  },
};
