import { ec2Arn, ownedByAccount } from '../lib/network-resources.ts';
import type { CheckResult, RegionCheck } from '../types.ts';

const check: RegionCheck = {
  id: 'vpc_flow_logs_enabled',
  title: 'VPC flow logging is enabled in every VPC',
  severity: 'medium',
  scope: 'resource',
  reads: ['ec2.vpcs', 'ec2.flowLogs'],
  remediation:
    'Create a flow log for the VPC (VPC console → VPC → Flow logs → Create flow log, filter Reject or All, or ' +
    '`aws ec2 create-flow-logs --resource-type VPC --resource-ids VPC --traffic-type REJECT --log-destination-type cloud-watch-logs ...`).',
  evaluateRegion(ctx, region) {
    const flowLogs = ctx.regional('ec2.flowLogs', region);
    return ctx
      .regional('ec2.vpcs', region)
      .filter((vpc) => ownedByAccount(ctx, vpc.OwnerId))
      .map((vpc): CheckResult => {
        const id = vpc.VpcId ?? '';
        const base = { region, resourceId: ec2Arn(ctx, region, 'vpc', id, vpc.OwnerId), resourceType: 'AwsEc2Vpc' };
        const mine = flowLogs.filter((f) => f.ResourceId === id);
        const active = mine.find((f) => f.FlowLogStatus === 'ACTIVE');
        if (active) return { ...base, status: 'PASS', reason: `VPC \`${id}\` has active flow log \`${active.FlowLogId}\`` };
        if (mine.length === 0) return { ...base, status: 'FAIL', reason: `VPC \`${id}\` has no flow log` };
        const states = mine.map((f) => `\`${f.FlowLogId}\` is ${f.FlowLogStatus ?? 'in an unknown state'}`).join(', ');
        return { ...base, status: 'FAIL', reason: `VPC \`${id}\` has no active flow log: ${states}` };
      });
  },
};

export default check;
