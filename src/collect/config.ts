import {
  ConfigServiceClient,
  DescribeConfigurationRecordersCommand,
  DescribeConfigurationRecorderStatusCommand,
} from '@aws-sdk/client-config-service';
import { attempt, plain } from './attempt.ts';
import type { RegionalDatasets } from './inventory.ts';
import type { RegionalCollector } from './types.ts';
import { collectWanted } from './wanted.ts';

export const configCollector: RegionalCollector = {
  id: 'config',
  phase: 'regional',
  datasets: ['config.recorders'],
  collect(ctx, region, wanted) {
    return collectWanted<RegionalDatasets>(wanted, {
      'config.recorders': () =>
        attempt(async () => {
          const config = ctx.client(ConfigServiceClient, region);
          const [recorders, statuses] = await Promise.all([
            config.send(new DescribeConfigurationRecordersCommand({})),
            config.send(new DescribeConfigurationRecorderStatusCommand({})),
          ]);
          return {
            recorders: plain(recorders.ConfigurationRecorders ?? []),
            statuses: plain(statuses.ConfigurationRecordersStatus ?? []),
          };
        }),
    });
  },
};
