import { AccessAnalyzerClient, paginateListAnalyzers } from '@aws-sdk/client-accessanalyzer';
import { attempt, plain } from './attempt.ts';
import type { RegionalDatasets } from './inventory.ts';
import { allItems } from './pages.ts';
import type { RegionalCollector } from './types.ts';
import { collectWanted } from './wanted.ts';

export const accessAnalyzerCollector: RegionalCollector = {
  id: 'accessanalyzer',
  phase: 'regional',
  datasets: ['accessanalyzer.analyzers'],
  collect(ctx, region, wanted) {
    return collectWanted<RegionalDatasets>(wanted, {
      'accessanalyzer.analyzers': () =>
        attempt(async () => {
          const client = ctx.client(AccessAnalyzerClient, region);
          return plain(await allItems(paginateListAnalyzers({ client }, {}), (page) => page.analyzers));
        }),
    });
  },
};
