import { DescribeAlarms$ } from '@aws-sdk/client-cloudwatch';
import { unwrap } from '../data.ts';
import { str, strs } from '../input.ts';
import type { ServiceSpec } from '../service.ts';

export const cloudwatch: ServiceSpec = {
  id: 'monitoring',
  signingName: 'monitoring',
  protocol: 'awsJson1_0',
  namespace: 'com.amazonaws.cloudwatch',
  targetPrefix: 'GraniteServiceVersion20100801',
  queryCompatible: true,
  global: false,
  operations: {
    DescribeAlarms: {
      schema: DescribeAlarms$,
      handle(ctx, input) {
        const types = strs(input, 'AlarmTypes');
        const names = strs(input, 'AlarmNames');
        const prefix = str(input, 'AlarmNamePrefix') ?? '';
        const state = str(input, 'StateValue');
        const actionPrefix = str(input, 'ActionPrefix');
        const alarms = types?.length && !types.includes('MetricAlarm')
          ? []
          : (unwrap(ctx.data.global('monitoring.chain')?.alarms[ctx.region]) ?? []).filter(
              (a) =>
                (!names?.length || names.includes(a.AlarmName ?? '')) &&
                (a.AlarmName ?? '').startsWith(prefix) &&
                (!state || a.StateValue === state) &&
                (!actionPrefix || (a.AlarmActions ?? []).some((action) => action.startsWith(actionPrefix))),
            );
        const page = ctx.page(alarms, input.NextToken, input.MaxRecords);
        return { MetricAlarms: page.items, CompositeAlarms: [], NextToken: page.next };
      },
    },
  },
};
