import {
  DescribeFlowLogs$,
  DescribeInstances$,
  DescribeNetworkAcls$,
  DescribeRegions$,
  DescribeSecurityGroups$,
  DescribeVpcs$,
  GetEbsEncryptionByDefault$,
} from '@aws-sdk/client-ec2';
import type { StaticOperationSchema } from '@smithy/types';
import type { RegionalDatasets } from '../../../../src/collect/inventory.ts';
import { AwsError } from '../aws-error.ts';
import { bool, matchesAny, strs } from '../input.ts';
import { regionsOf } from '../regions.ts';
import type { Input, OperationSpec, ServiceSpec } from '../service.ts';

type Item = Record<string, unknown>;
/** Filter name → the item's value(s) it compares. */
type Filters = Record<string, (item: Item) => unknown>;

const text = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

function applyFilters(items: Item[], input: Input, filters: Filters): Item[] {
  const requested = (input.Filters ?? input.Filter ?? []) as { Name?: string; Values?: string[] }[];
  let out = items;
  for (const { Name = '', Values = [] } of requested) {
    const get = filters[Name];
    if (!get) throw new AwsError('InvalidParameterValue', `The filter '${Name}' is invalid`);
    out = out.filter((item) => {
      const value = get(item);
      return (Array.isArray(value) ? value : [value]).some((v) => matchesAny(text(v), Values));
    });
  }
  return out;
}

/** Keeps the items named in `idsMember`; an id that does not exist fails with `notFound`. */
function selectIds(items: Item[], input: Input, idsMember: string, idField: string, notFound?: string): Item[] {
  const ids = strs(input, idsMember);
  if (!ids?.length) return items;
  const missing = ids.filter((id) => !items.some((item) => item[idField] === id));
  if (notFound && missing.length) throw new AwsError(notFound, `The ID '${missing[0]}' does not exist`);
  return items.filter((item) => ids.includes(String(item[idField])));
}

interface ListOp {
  schema: StaticOperationSchema;
  dataset: keyof RegionalDatasets;
  resultMember: string;
  filters: Filters;
  ids?: { member: string; field: string; notFound?: string }[];
}

function listOperation(op: ListOp): OperationSpec {
  return {
    schema: op.schema,
    handle(ctx, input) {
      let items = ((ctx.data.regional(ctx.region, op.dataset) ?? []) as Item[]).slice();
      for (const ids of op.ids ?? []) items = selectIds(items, input, ids.member, ids.field, ids.notFound);
      const page = ctx.page(applyFilters(items, input, op.filters), input.NextToken, input.MaxResults);
      return { [op.resultMember]: page.items, NextToken: page.next };
    },
  };
}

const byField = (field: string) => (item: Item) => item[field];
const tagFilters = (item: Item) => item.Tags;

export const ec2: ServiceSpec = {
  id: 'ec2',
  signingName: 'ec2',
  protocol: 'ec2Query',
  namespace: 'com.amazonaws.ec2',
  xmlNamespace: 'http://ec2.amazonaws.com/doc/2016-11-15/',
  global: false,
  operations: {
    DescribeRegions: {
      schema: DescribeRegions$,
      handle(ctx, input) {
        const all = regionsOf(ctx.world, ctx.identity.accountId).map((r) => ({
          ...r,
          Endpoint: `ec2.${r.RegionName}.amazonaws.com`,
        }));
        const names = strs(input, 'RegionNames');
        const unknown = names?.find((n) => !all.some((r) => r.RegionName === n));
        if (unknown) throw new AwsError('InvalidParameterValue', `Invalid region: ${unknown}`);
        let regions: Item[] = names?.length
          ? all.filter((r) => names.includes(r.RegionName))
          : all.filter((r) => bool(input, 'AllRegions') || r.OptInStatus !== 'not-opted-in');
        regions = applyFilters(regions, input, {
          'region-name': byField('RegionName'),
          'opt-in-status': byField('OptInStatus'),
          endpoint: byField('Endpoint'),
        });
        return { Regions: regions };
      },
    },
    GetEbsEncryptionByDefault: {
      schema: GetEbsEncryptionByDefault$,
      handle: (ctx) => ({ EbsEncryptionByDefault: ctx.data.regional(ctx.region, 'ec2.ebsEncryptionByDefault') ?? false }),
    },
    DescribeVpcs: listOperation({
      schema: DescribeVpcs$,
      dataset: 'ec2.vpcs',
      resultMember: 'Vpcs',
      ids: [{ member: 'VpcIds', field: 'VpcId', notFound: 'InvalidVpcID.NotFound' }],
      filters: {
        'vpc-id': byField('VpcId'),
        'is-default': byField('IsDefault'),
        'owner-id': byField('OwnerId'),
        state: byField('State'),
        'cidr-block': byField('CidrBlock'),
      },
    }),
    DescribeFlowLogs: listOperation({
      schema: DescribeFlowLogs$,
      dataset: 'ec2.flowLogs',
      resultMember: 'FlowLogs',
      ids: [{ member: 'FlowLogIds', field: 'FlowLogId' }],
      filters: {
        'resource-id': byField('ResourceId'),
        'flow-log-id': byField('FlowLogId'),
        'log-destination-type': byField('LogDestinationType'),
        'log-group-name': byField('LogGroupName'),
        'deliver-log-status': byField('DeliverLogsStatus'),
        'traffic-type': byField('TrafficType'),
      },
    }),
    DescribeSecurityGroups: listOperation({
      schema: DescribeSecurityGroups$,
      dataset: 'ec2.securityGroups',
      resultMember: 'SecurityGroups',
      ids: [
        { member: 'GroupIds', field: 'GroupId', notFound: 'InvalidGroup.NotFound' },
        { member: 'GroupNames', field: 'GroupName', notFound: 'InvalidGroup.NotFound' },
      ],
      filters: {
        'group-id': byField('GroupId'),
        'group-name': byField('GroupName'),
        'vpc-id': byField('VpcId'),
        'owner-id': byField('OwnerId'),
      },
    }),
    DescribeNetworkAcls: listOperation({
      schema: DescribeNetworkAcls$,
      dataset: 'ec2.networkAcls',
      resultMember: 'NetworkAcls',
      ids: [{ member: 'NetworkAclIds', field: 'NetworkAclId', notFound: 'InvalidNetworkAclID.NotFound' }],
      filters: {
        'network-acl-id': byField('NetworkAclId'),
        'vpc-id': byField('VpcId'),
        default: byField('IsDefault'),
        'owner-id': byField('OwnerId'),
      },
    }),
    DescribeInstances: {
      schema: DescribeInstances$,
      handle(ctx, input) {
        let instances = ((ctx.data.regional(ctx.region, 'ec2.instances') ?? []) as Item[]).slice();
        instances = selectIds(instances, input, 'InstanceIds', 'InstanceId', 'InvalidInstanceID.NotFound');
        instances = applyFilters(instances, input, {
          'instance-id': byField('InstanceId'),
          'instance-state-name': (i) => (i.State as Item | undefined)?.Name,
          'vpc-id': byField('VpcId'),
          'subnet-id': byField('SubnetId'),
          'tag-key': (i) => ((tagFilters(i) ?? []) as Item[]).map((t) => t.Key),
        });
        const page = ctx.page(instances, input.NextToken, input.MaxResults);
        // The inventory keeps instances flat; each one comes back in a reservation of its own.
        const reservations = page.items.map((instance) => ({
          ReservationId: `r-${String(instance.InstanceId).replace(/^i-/, '')}`,
          OwnerId: ctx.identity.accountId,
          Groups: [],
          Instances: [instance],
        }));
        return { Reservations: reservations, NextToken: page.next };
      },
    },
  },
};
