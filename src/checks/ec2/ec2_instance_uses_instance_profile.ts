import { ec2Arn } from '../lib/network-resources.ts';
import type { CheckResult, RegionCheck } from '../types.ts';

const check: RegionCheck = {
  id: 'ec2_instance_uses_instance_profile',
  title: 'Running EC2 instances use an IAM instance profile (role) for AWS access',
  severity: 'medium',
  scope: 'resource',
  reads: ['ec2.instances'],
  remediation:
    'Attach an instance profile with a least-privilege role (EC2 console → Instance → Actions → Security → Modify IAM role, or ' +
    '`aws ec2 associate-iam-instance-profile --instance-id ID --iam-instance-profile Name=PROFILE`) and remove stored access keys.',
  evaluateRegion(ctx, region) {
    return ctx
      .regional('ec2.instances', region)
      .filter((i) => i.State?.Name === 'running')
      .map((i): CheckResult => {
        const id = i.InstanceId ?? '';
        const base = { region, resourceId: ec2Arn(ctx, region, 'instance', id), resourceType: 'AwsEc2Instance' };
        const profile = i.IamInstanceProfile;
        return profile
          ? { ...base, status: 'PASS', reason: `instance \`${id}\` uses instance profile \`${profile.Arn ?? profile.Id}\`` }
          : { ...base, status: 'FAIL', reason: `running instance \`${id}\` has no IAM instance profile` };
      });
  },
};

export default check;
