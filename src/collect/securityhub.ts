import { DescribeHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { attempt } from './attempt.ts';
import type { RegionalDatasets } from './inventory.ts';
import type { RegionalCollector } from './types.ts';
import { collectWanted } from './wanted.ts';

// DescribeHub answers with one of these when the account is not subscribed in the region.
const NOT_SUBSCRIBED = ['InvalidAccessException', 'ResourceNotFoundException'];

export const securityHubCollector: RegionalCollector = {
  id: 'securityhub',
  phase: 'regional',
  datasets: ['securityhub.hub'],
  collect(ctx, region, wanted) {
    return collectWanted<RegionalDatasets>(wanted, {
      'securityhub.hub': () =>
        attempt(
          async () => {
            const out = await ctx.client(SecurityHubClient, region).send(new DescribeHubCommand({}));
            return out.HubArn ? { hubArn: out.HubArn } : null;
          },
          { absentOn: NOT_SUBSCRIBED, absent: null },
        ),
    });
  },
};
