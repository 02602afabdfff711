import type { RegionalDatasets } from '../collect/inventory.ts';
import type { AccountContext } from './context.ts';
import type { Rng } from './random.ts';
import type { SampleVpc } from './vpcs.ts';

type NetworkAcl = RegionalDatasets['ec2.networkAcls'][number];
type Entry = NonNullable<NetworkAcl['Entries']>[number];

const entry = (RuleNumber: number, Egress: boolean, RuleAction: 'allow' | 'deny', Protocol: string, cidr: string, ports?: [number, number]): Entry => ({
  RuleNumber,
  Egress,
  RuleAction,
  Protocol,
  ...(cidr.includes(':') ? { Ipv6CidrBlock: cidr } : { CidrBlock: cidr }),
  ...(ports ? { PortRange: { From: ports[0], To: ports[1] } } : {}),
});

/** What AWS puts in a new default NACL: everything allowed both ways (so 22 and 3389 too). */
function awsDefaultEntries(vpc: SampleVpc): Entry[] {
  const v6 = vpc.ipv6Cidr
    ? [entry(101, false, 'allow', '-1', '::/0'), entry(101, true, 'allow', '-1', '::/0'), entry(32768, false, 'deny', '-1', '::/0'), entry(32768, true, 'deny', '-1', '::/0')]
    : [];
  return [entry(100, false, 'allow', '-1', '0.0.0.0/0'), entry(100, true, 'allow', '-1', '0.0.0.0/0'), entry(32767, false, 'deny', '-1', '0.0.0.0/0'), entry(32767, true, 'deny', '-1', '0.0.0.0/0'), ...v6];
}

/** Public HTTPS plus ephemeral return ports split around 3389, so no rule reaches 22 or 3389 from anywhere. */
function hardenedEntries(vpc: SampleVpc): Entry[] {
  return [
    entry(100, false, 'allow', '6', '0.0.0.0/0', [443, 443]),
    entry(110, false, 'allow', '6', '0.0.0.0/0', [1024, 3388]),
    entry(120, false, 'allow', '6', '0.0.0.0/0', [3390, 65535]),
    entry(130, false, 'allow', '-1', vpc.cidr),
    entry(32767, false, 'deny', '-1', '0.0.0.0/0'),
    entry(100, true, 'allow', '-1', '0.0.0.0/0'),
    entry(32767, true, 'deny', '-1', '0.0.0.0/0'),
  ];
}

/** A lower-numbered deny does not stop CIS 5.1 from flagging the allow behind it. */
function shadowedEntries(): Entry[] {
  return [
    entry(90, false, 'deny', '6', '0.0.0.0/0', [22, 22]),
    entry(100, false, 'allow', '6', '0.0.0.0/0', [0, 65535]),
    entry(32767, false, 'deny', '-1', '0.0.0.0/0'),
    entry(100, true, 'allow', '-1', '0.0.0.0/0'),
    entry(32767, true, 'deny', '-1', '0.0.0.0/0'),
  ];
}

export function networkAcls(ctx: AccountContext, vpcs: SampleVpc[], rng: Rng): RegionalDatasets['ec2.networkAcls'] {
  const acls: RegionalDatasets['ec2.networkAcls'] = [];
  for (const vpc of vpcs) {
    const aclId = `acl-${rng.hex(17)}`;
    const open = rng.chance(ctx.profile.network.defaultNaclOpen);
    const privateSubnets = vpc.isDefault ? [] : vpc.subnets.slice(1);
    const publicSubnets = vpc.subnets.filter((s) => !privateSubnets.includes(s));
    acls.push({
      NetworkAclId: aclId,
      VpcId: vpc.vpcId,
      OwnerId: ctx.id,
      IsDefault: true,
      Entries: open ? awsDefaultEntries(vpc) : hardenedEntries(vpc),
      Associations: publicSubnets.map((s) => ({ NetworkAclAssociationId: `aclassoc-${rng.hex(17)}`, NetworkAclId: aclId, SubnetId: s.subnetId })),
      Tags: [],
    });
    if (privateSubnets.length === 0) continue;
    const privateId = `acl-${rng.hex(17)}`;
    const shadowed = ctx.profile.kind === 'dev' && rng.chance(0.5);
    acls.push({
      NetworkAclId: privateId,
      VpcId: vpc.vpcId,
      OwnerId: ctx.id,
      IsDefault: false,
      Entries: shadowed
        ? shadowedEntries()
        : [entry(100, false, 'allow', '-1', vpc.cidr), entry(110, false, 'allow', '6', '0.0.0.0/0', [1024, 3388]), entry(120, false, 'allow', '6', '0.0.0.0/0', [3390, 65535]), entry(32767, false, 'deny', '-1', '0.0.0.0/0'), entry(100, true, 'allow', '-1', '0.0.0.0/0'), entry(32767, true, 'deny', '-1', '0.0.0.0/0')],
      Associations: privateSubnets.map((s) => ({ NetworkAclAssociationId: `aclassoc-${rng.hex(17)}`, NetworkAclId: privateId, SubnetId: s.subnetId })),
      Tags: [{ Key: 'Name', Value: `${vpc.name}-private` }],
    });
  }
  return acls;
}
