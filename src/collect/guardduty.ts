import { GetDetectorCommand, GuardDutyClient, paginateListDetectors } from '@aws-sdk/client-guardduty';
import { attempt } from './attempt.ts';
import type { RegionalDatasets } from './inventory.ts';
import { allItems } from './pages.ts';
import type { RegionalCollector } from './types.ts';
import { collectWanted } from './wanted.ts';

export const guardDutyCollector: RegionalCollector = {
  id: 'guardduty',
  phase: 'regional',
  datasets: ['guardduty.detectors'],
  collect(ctx, region, wanted) {
    return collectWanted<RegionalDatasets>(wanted, {
      'guardduty.detectors': () =>
        attempt(async () => {
          const client = ctx.client(GuardDutyClient, region);
          const ids = await allItems(paginateListDetectors({ client }, {}), (page) => page.DetectorIds);
          return Promise.all(
            ids.map(async (DetectorId) => {
              const out = await client.send(new GetDetectorCommand({ DetectorId }));
              return { detectorId: DetectorId, ...(out.Status ? { status: out.Status } : {}) };
            }),
          );
        }),
    });
  },
};
