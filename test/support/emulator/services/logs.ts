import { DescribeMetricFilters$, type MetricFilter } from '@aws-sdk/client-cloudwatch-logs';
import type { Plain } from '../../../../src/collect/inventory.ts';
import { AwsError } from '../aws-error.ts';
import { unwrap } from '../data.ts';
import { str } from '../input.ts';
import type { ServiceSpec } from '../service.ts';

/** Region, account and name of a log group ARN (`arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]`). */
function logGroup(arn: string): { region: string; accountId: string; name: string } | undefined {
  const parts = arn.split(':');
  if (parts[2] !== 'logs' || parts[5] !== 'log-group' || !parts[6]) return undefined;
  return { region: parts[3]!, accountId: parts[4]!, name: parts[6] };
}

export const logs: ServiceSpec = {
  id: 'logs',
  signingName: 'logs',
  protocol: 'awsJson1_1',
  namespace: 'com.amazonaws.cloudwatchlogs',
  targetPrefix: 'Logs_20140328',
  global: false,
  operations: {
    DescribeMetricFilters: {
      schema: DescribeMetricFilters$,
      handle(ctx, input) {
        const wanted = str(input, 'logGroupName');
        const groups = Object.entries(ctx.data.global('monitoring.chain')?.metricFilters ?? {}).filter(([arn]) => {
          const group = logGroup(arn);
          return (
            group?.region === ctx.region &&
            group.accountId === ctx.identity.accountId &&
            (wanted === undefined || group.name === wanted)
          );
        });
        if (wanted !== undefined && !groups.length) {
          throw new AwsError('ResourceNotFoundException', 'The specified log group does not exist.');
        }
        const prefix = str(input, 'filterNamePrefix') ?? '';
        const metricName = str(input, 'metricName');
        const namespace = str(input, 'metricNamespace');
        const filters = groups
          .flatMap(([, collected]) => unwrap(collected) ?? [])
          .filter(
            (f: Plain<MetricFilter>) =>
              (f.filterName ?? '').startsWith(prefix) &&
              (!metricName || f.metricTransformations?.some((t) => t.metricName === metricName)) &&
              (!namespace || f.metricTransformations?.some((t) => t.metricNamespace === namespace)),
          );
        const page = ctx.page(filters, input.nextToken, input.limit);
        return { metricFilters: page.items, nextToken: page.next };
      },
    },
  },
};
