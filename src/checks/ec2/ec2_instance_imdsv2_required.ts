import { ec2Arn } from '../lib/network-resources.ts';
import type { CheckResult, RegionCheck } from '../types.ts';

const check: RegionCheck = {
  id: 'ec2_instance_imdsv2_required',
  title: 'EC2 instances require IMDSv2 (session tokens) for the instance metadata service',
  severity: 'high',
  scope: 'resource',
  reads: ['ec2.instances'],
  remediation:
    'Require tokens on the instance (EC2 console → Instance → Actions → Instance settings → Modify instance metadata options → ' +
    'IMDSv2 Required, or `aws ec2 modify-instance-metadata-options --instance-id ID --http-tokens required --http-endpoint enabled`).',
  evaluateRegion(ctx, region) {
    return ctx
      .regional('ec2.instances', region)
      .filter((i) => i.State?.Name !== 'terminated')
      .map((i): CheckResult => {
        const id = i.InstanceId ?? '';
        const base = { region, resourceId: ec2Arn(ctx, region, 'instance', id), resourceType: 'AwsEc2Instance' };
        const md = i.MetadataOptions;
        if (md?.HttpEndpoint === 'disabled') {
          return { ...base, status: 'PASS', reason: `instance \`${id}\` has the metadata service disabled` };
        }
        if (md?.HttpTokens === 'required') return { ...base, status: 'PASS', reason: `instance \`${id}\` requires IMDSv2` };
        return {
          ...base,
          status: 'FAIL',
          reason: `instance \`${id}\` allows IMDSv1: HttpTokens is ${md?.HttpTokens ?? 'not set'}`,
          evidence: { metadataOptions: md ?? null },
        };
      });
  },
};

export default check;
