import type { RegionCheck } from '../types.ts';

const check: RegionCheck = {
  id: 'ec2_ebs_default_encryption',
  title: 'EBS encryption by default is enabled in every region',
  severity: 'medium',
  scope: 'region',
  reads: ['ec2.ebsEncryptionByDefault'],
  remediation:
    'EC2 console → (region) → Settings → Data protection and security → EBS encryption → Always encrypt new EBS volumes, or ' +
    '`aws ec2 enable-ebs-encryption-by-default --region REGION`.',
  evaluateRegion(ctx, region) {
    const on = ctx.regional('ec2.ebsEncryptionByDefault', region);
    return [{
      status: on ? 'PASS' : 'FAIL',
      region,
      resourceId: ctx.accountId,
      resourceType: 'AwsAccount',
      reason: on ? `EBS encryption by default is on in ${region}` : `EBS encryption by default is off in ${region}`,
    }];
  },
};

export default check;
