import { ListAnalyzers$ } from '@aws-sdk/client-accessanalyzer';
import { str } from '../input.ts';
import type { ServiceSpec } from '../service.ts';

export const accessanalyzer: ServiceSpec = {
  id: 'access-analyzer',
  signingName: 'access-analyzer',
  protocol: 'restJson1',
  namespace: 'com.amazonaws.accessanalyzer',
  global: false,
  operations: {
    ListAnalyzers: {
      schema: ListAnalyzers$,
      handle(ctx, input) {
        const type = str(input, 'type');
        const analyzers = (ctx.data.regional(ctx.region, 'accessanalyzer.analyzers') ?? []).filter((a) => !type || a.type === type);
        const page = ctx.page(analyzers, input.nextToken, input.maxResults);
        return { analyzers: page.items, nextToken: page.next };
      },
    },
  },
};
