import { DescribeHub$ } from '@aws-sdk/client-securityhub';
import { AwsError } from '../aws-error.ts';
import type { ServiceSpec } from '../service.ts';

export const securityhub: ServiceSpec = {
  id: 'securityhub',
  signingName: 'securityhub',
  protocol: 'restJson1',
  namespace: 'com.amazonaws.securityhub',
  global: false,
  operations: {
    DescribeHub: {
      schema: DescribeHub$,
      handle(ctx) {
        const hub = ctx.data.regional(ctx.region, 'securityhub.hub');
        if (!hub) {
          throw new AwsError('InvalidAccessException', `Account ${ctx.identity.accountId} is not subscribed to AWS Security Hub`);
        }
        return {
          HubArn: hub.hubArn,
          SubscribedAt: ctx.world.inventory.collectedAt,
          AutoEnableControls: true,
          ControlFindingGenerator: 'SECURITY_CONTROL',
        };
      },
    },
  },
};
