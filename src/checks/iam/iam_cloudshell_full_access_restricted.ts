import type { AccountCheck } from '../types.ts';
import { awsManagedPolicyArn } from '../../collect/arn.ts';
import { describeEntities, entitiesForAwsPolicy } from '../lib/iam-policy-entities.ts';
import { accountResource, globalResult } from '../lib/iam-results.ts';

const POLICY = 'AWSCloudShellFullAccess';

const check: AccountCheck = {
  id: 'iam_cloudshell_full_access_restricted',
  title: 'Access to AWSCloudShellFullAccess is restricted',
  severity: 'medium',
  scope: 'account',
  reads: ['iam.policyEntities'],
  remediation:
    'Detach AWSCloudShellFullAccess from every user, group and role (`aws iam detach-{user,group,role}-policy ' +
    '--policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess ...`) and grant CloudShell with a policy that denies file upload/download.',
  evaluate(ctx) {
    const resource = accountResource(ctx);
    const entities = entitiesForAwsPolicy(ctx, POLICY);
    const evidence = { policyArn: awsManagedPolicyArn(ctx.partition, POLICY), entities };
    const holders = describeEntities(entities);
    return holders
      ? [globalResult(resource, 'FAIL', `${POLICY} is attached to ${holders}`, { evidence })]
      : [globalResult(resource, 'PASS', `${POLICY} is not attached to any user, group or role`, { evidence })];
  },
};

export default check;
