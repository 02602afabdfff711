import {
  EC2Client,
  GetEbsEncryptionByDefaultCommand,
  paginateDescribeFlowLogs,
  paginateDescribeInstances,
  paginateDescribeNetworkAcls,
  paginateDescribeSecurityGroups,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import { attempt, plain } from './attempt.ts';
import { CollectFailure } from './failure.ts';
import type { RegionalDatasets } from './inventory.ts';
import { allItems } from './pages.ts';
import type { RegionalCollector } from './types.ts';
import { collectWanted } from './wanted.ts';

// A missing value is unknown, not "off": the check must report ERROR rather than FAIL.
async function ebsEncryptionByDefault(client: EC2Client): Promise<boolean> {
  const on = (await client.send(new GetEbsEncryptionByDefaultCommand({}))).EbsEncryptionByDefault;
  if (on === undefined) throw new CollectFailure('IncompleteData', 'GetEbsEncryptionByDefault returned no EbsEncryptionByDefault value');
  return on;
}

// Paginated Describe* calls draw on the larger EC2 throttle bucket than unpaginated ones.
const PAGE_SIZE = 1000;

export const ec2Collector: RegionalCollector = {
  id: 'ec2',
  phase: 'regional',
  datasets: [
    'ec2.ebsEncryptionByDefault',
    'ec2.vpcs',
    'ec2.flowLogs',
    'ec2.securityGroups',
    'ec2.networkAcls',
    'ec2.instances',
  ],
  collect(ctx, region, wanted) {
    const client = ctx.client(EC2Client, region);
    const paging = { client, pageSize: PAGE_SIZE };
    return collectWanted<RegionalDatasets>(wanted, {
      'ec2.ebsEncryptionByDefault': () => attempt(() => ebsEncryptionByDefault(client)),
      'ec2.vpcs': () => attempt(async () => plain(await allItems(paginateDescribeVpcs(paging, {}), (page) => page.Vpcs))),
      'ec2.flowLogs': () =>
        attempt(async () => plain(await allItems(paginateDescribeFlowLogs(paging, {}), (page) => page.FlowLogs))),
      'ec2.securityGroups': () =>
        attempt(async () =>
          plain(await allItems(paginateDescribeSecurityGroups(paging, {}), (page) => page.SecurityGroups)),
        ),
      'ec2.networkAcls': () =>
        attempt(async () => plain(await allItems(paginateDescribeNetworkAcls(paging, {}), (page) => page.NetworkAcls))),
      'ec2.instances': () =>
        attempt(async () =>
          plain(
            await allItems(paginateDescribeInstances(paging, {}), (page) =>
              (page.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? []),
            ),
          ),
        ),
    });
  },
};
