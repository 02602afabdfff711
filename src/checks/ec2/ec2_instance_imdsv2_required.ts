import type { Instance } from '@aws-sdk/client-ec2';
import type { Plain } from '../../collect/inventory.ts';
import { INCOMPLETE } from '../lib/iam-results.ts';
import { ec2Arn } from '../lib/network-resources.ts';
import type { CheckResult, RegionCheck } from '../types.ts';

type Verdict = Pick<CheckResult, 'status' | 'reason'>;

function incomplete(id: string, what: string): Verdict {
  return { status: 'ERROR', reason: `instance \`${id}\`: DescribeInstances gave ${what}` };
}

/** CIS 5.6: tokens required and that setting applied; a disabled metadata service passes as well. */
function judge(id: string, md: Plain<Instance>['MetadataOptions']): Verdict {
  if (!md) return incomplete(id, 'no MetadataOptions');
  if (md.HttpEndpoint === 'disabled') return { status: 'PASS', reason: `instance \`${id}\` has the metadata service disabled` };
  switch (md.HttpTokens) {
    case undefined:
      return incomplete(id, 'no MetadataOptions.HttpTokens value');
    case 'optional':
      // With the endpoint state unknown, it could be the disabled one that passes.
      if (md.HttpEndpoint === undefined) return incomplete(id, 'no MetadataOptions.HttpEndpoint value while HttpTokens is optional');
      return { status: 'FAIL', reason: `instance \`${id}\` allows IMDSv1: HttpTokens is optional` };
    case 'required':
      break;
    default:
      return incomplete(id, `an unknown MetadataOptions.HttpTokens value: \`${String(md.HttpTokens)}\``);
  }
  switch (md.State) {
    case 'applied':
      return { status: 'PASS', reason: `instance \`${id}\` requires IMDSv2` };
    case 'pending':
      return { status: 'FAIL', reason: `the IMDSv2 requirement is not yet applied on instance \`${id}\`: MetadataOptions.State is pending` };
    case undefined:
      return incomplete(id, 'no MetadataOptions.State value, so whether IMDSv2 is applied is unknown');
    default:
      return incomplete(id, `an unknown MetadataOptions.State value: \`${String(md.State)}\``);
  }
}

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
        const verdict = judge(id, i.MetadataOptions);
        if (verdict.status === 'PASS') return { ...base, ...verdict };
        return {
          ...base,
          ...verdict,
          ...(verdict.status === 'ERROR' ? { errorCode: INCOMPLETE } : {}),
          evidence: { metadataOptions: i.MetadataOptions ?? null },
        };
      });
  },
};

export default check;
