import { ListSubscriptionsByTopic$ } from '@aws-sdk/client-sns';
import { AwsError } from '../aws-error.ts';
import { unwrap } from '../data.ts';
import { required } from '../input.ts';
import type { ServiceSpec } from '../service.ts';

export const sns: ServiceSpec = {
  id: 'sns',
  signingName: 'sns',
  protocol: 'awsQuery',
  namespace: 'com.amazonaws.sns',
  xmlNamespace: 'http://sns.amazonaws.com/doc/2010-03-31/',
  global: false,
  operations: {
    ListSubscriptionsByTopic: {
      schema: ListSubscriptionsByTopic$,
      handle(ctx, input) {
        const topicArn = required(input, 'TopicArn', 'InvalidParameter');
        if (topicArn.split(':')[3] !== ctx.region) {
          throw new AwsError('InvalidParameter', 'Invalid parameter: TopicArn');
        }
        const collected = ctx.data.global('monitoring.chain')?.topicSubscriptions[topicArn];
        if (!collected) throw new AwsError('NotFound', 'Topic does not exist');
        const page = ctx.page(unwrap(collected) ?? [], input.NextToken, undefined);
        return { Subscriptions: page.items, NextToken: page.next };
      },
    },
  },
};
