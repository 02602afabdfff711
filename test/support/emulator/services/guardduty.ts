import { GetDetector$, ListDetectors$ } from '@aws-sdk/client-guardduty';
import { AwsError } from '../aws-error.ts';
import { required } from '../input.ts';
import type { ServiceSpec } from '../service.ts';

export const guardduty: ServiceSpec = {
  id: 'guardduty',
  signingName: 'guardduty',
  protocol: 'restJson1',
  namespace: 'com.amazonaws.guardduty',
  global: false,
  operations: {
    ListDetectors: {
      schema: ListDetectors$,
      handle(ctx, input) {
        const ids = (ctx.data.regional(ctx.region, 'guardduty.detectors') ?? []).map((d) => d.detectorId);
        const page = ctx.page(ids, input.NextToken, input.MaxResults);
        return { DetectorIds: page.items, NextToken: page.next };
      },
    },
    GetDetector: {
      schema: GetDetector$,
      handle(ctx, input) {
        const id = required(input, 'DetectorId', 'BadRequestException');
        const detector = (ctx.data.regional(ctx.region, 'guardduty.detectors') ?? []).find((d) => d.detectorId === id);
        if (!detector) {
          throw new AwsError(
            'BadRequestException',
            'The request is rejected because the input detectorId is not owned by the current account.',
          );
        }
        return {
          Status: detector.status ?? 'ENABLED',
          ServiceRole: `arn:${ctx.partition}:iam::${ctx.identity.accountId}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
          FindingPublishingFrequency: 'SIX_HOURS',
          CreatedAt: ctx.world.inventory.collectedAt,
          UpdatedAt: ctx.world.inventory.collectedAt,
        };
      },
    },
  },
};
