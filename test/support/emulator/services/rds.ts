import { DescribeDBInstances$ } from '@aws-sdk/client-rds';
import { AwsError } from '../aws-error.ts';
import { str } from '../input.ts';
import type { ServiceSpec } from '../service.ts';

export const rds: ServiceSpec = {
  id: 'rds',
  signingName: 'rds',
  protocol: 'awsQuery',
  namespace: 'com.amazonaws.rds',
  xmlNamespace: 'http://rds.amazonaws.com/doc/2014-10-31/',
  global: false,
  operations: {
    DescribeDBInstances: {
      schema: DescribeDBInstances$,
      handle(ctx, input) {
        const id = str(input, 'DBInstanceIdentifier');
        const instances = (ctx.data.regional(ctx.region, 'rds.instances') ?? []).filter(
          (i) => !id || i.DBInstanceIdentifier === id || i.DBInstanceArn === id,
        );
        if (id && !instances.length) throw new AwsError('DBInstanceNotFound', `DBInstance ${id} not found.`);
        const page = ctx.page(instances, input.Marker, input.MaxRecords);
        return { DBInstances: page.items, Marker: page.next };
      },
    },
  },
};
