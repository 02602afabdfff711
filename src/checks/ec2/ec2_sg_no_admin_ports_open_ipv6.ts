import { judgeAdminPorts } from '../lib/network-security-groups.ts';
import type { RegionCheck } from '../types.ts';

const check: RegionCheck = {
  id: 'ec2_sg_no_admin_ports_open_ipv6',
  title: 'No security group allows ingress from ::/0 to SSH (22) or RDP (3389)',
  severity: 'high',
  scope: 'resource',
  reads: ['ec2.securityGroups'],
  remediation:
    'Remove the inbound rule from ::/0 (EC2 console → Security Groups → group → Inbound rules → Edit, or ' +
    '`aws ec2 revoke-security-group-ingress --group-id SG --ip-permissions ...`) and allow admin ports only from known ranges ' +
    'or use Systems Manager Session Manager.',
  evaluateRegion(ctx, region) {
    return judgeAdminPorts(ctx, region, 'ipv6');
  },
};

export default check;
