import { DescribeTrails$, GetEventSelectors$, GetTrailStatus$ } from '@aws-sdk/client-cloudtrail';
import type { TrailDetails } from '../../../../src/collect/inventory.ts';
import { AwsError } from '../aws-error.ts';
import { unwrap } from '../data.ts';
import { bool, required, strs } from '../input.ts';
import type { OpContext, ServiceSpec } from '../service.ts';

/** A trail by ARN or name, from the details collected in its home region. */
function trail(ctx: OpContext, nameOrArn: string): TrailDetails {
  const details = Object.values(ctx.data.global('cloudtrail.trailDetails') ?? {});
  const found = details.find((d) => d.trail.TrailARN === nameOrArn || d.trail.Name === nameOrArn);
  if (!found) throw new AwsError('TrailNotFoundException', `Unknown trail: ${nameOrArn} for the user: ${ctx.identity.accountId}`);
  return found;
}

export const cloudtrail: ServiceSpec = {
  id: 'cloudtrail',
  signingName: 'cloudtrail',
  protocol: 'awsJson1_1',
  namespace: 'com.amazonaws.cloudtrail',
  targetPrefix: 'CloudTrail_20131101',
  global: false,
  operations: {
    DescribeTrails: {
      schema: DescribeTrails$,
      handle(ctx, input) {
        const names = strs(input, 'trailNameList');
        const shadows = bool(input, 'includeShadowTrails') ?? true;
        const trails = (ctx.data.regional(ctx.region, 'cloudtrail.trails') ?? []).filter(
          (t) =>
            (shadows || t.HomeRegion === ctx.region) &&
            (!names?.length || names.includes(t.Name ?? '') || names.includes(t.TrailARN ?? '')),
        );
        return { trailList: trails };
      },
    },
    GetTrailStatus: {
      schema: GetTrailStatus$,
      handle: (ctx, input) => unwrap(trail(ctx, required(input, 'Name')).status) ?? {},
    },
    GetEventSelectors: {
      schema: GetEventSelectors$,
      handle(ctx, input) {
        const found = trail(ctx, required(input, 'TrailName'));
        const selectors = unwrap(found.selectors) ?? { eventSelectors: [], advancedEventSelectors: [] };
        // A trail uses either basic or advanced selectors; CloudTrail returns only the kind in use.
        const advanced = selectors.advancedEventSelectors.length > 0;
        return {
          TrailARN: found.trail.TrailARN,
          EventSelectors: advanced && !selectors.eventSelectors.length ? undefined : selectors.eventSelectors,
          AdvancedEventSelectors: advanced ? selectors.advancedEventSelectors : undefined,
        };
      },
    },
  },
};
