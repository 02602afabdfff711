import { DescribeConfigurationRecorderStatus$, DescribeConfigurationRecorders$ } from '@aws-sdk/client-config-service';
import type { StaticOperationSchema } from '@smithy/types';
import type { ConfigRecorders } from '../../../../src/collect/inventory.ts';
import { AwsError } from '../aws-error.ts';
import { strs } from '../input.ts';
import type { OperationSpec, ServiceSpec } from '../service.ts';

function describe(schema: StaticOperationSchema, member: string, pick: (r: ConfigRecorders) => { name?: string }[]): OperationSpec {
  return {
    schema,
    handle(ctx, input) {
      const items = pick(ctx.data.regional(ctx.region, 'config.recorders') ?? { recorders: [], statuses: [] });
      const names = strs(input, 'ConfigurationRecorderNames');
      const unknown = names?.find((n) => !items.some((i) => i.name === n));
      if (unknown) {
        throw new AwsError(
          'NoSuchConfigurationRecorderException',
          `Cannot find configuration recorder with the specified name '${unknown}'.`,
        );
      }
      return { [member]: names?.length ? items.filter((i) => names.includes(i.name ?? '')) : items };
    },
  };
}

export const config: ServiceSpec = {
  id: 'config',
  signingName: 'config',
  protocol: 'awsJson1_1',
  namespace: 'com.amazonaws.configservice',
  targetPrefix: 'StarlingDoveService',
  global: false,
  operations: {
    DescribeConfigurationRecorders: describe(DescribeConfigurationRecorders$, 'ConfigurationRecorders', (r) => r.recorders),
    DescribeConfigurationRecorderStatus: describe(
      DescribeConfigurationRecorderStatus$,
      'ConfigurationRecordersStatus',
      (r) => r.statuses,
    ),
  },
};
