import type { AccountCheck } from '../types.ts';
import { awsManagedPolicyArn } from '../../collect/arn.ts';
import { describeEntities, entitiesForAwsPolicy } from '../lib/iam-policy-entities.ts';
import { accountResource, globalResult } from '../lib/iam-results.ts';

const POLICY = 'AWSSupportAccess';

const check: AccountCheck = {
  id: 'iam_support_role_exists',
  title: 'A support role exists to manage incidents with AWS Support',
  severity: 'low',
  scope: 'account',
  reads: ['iam.policyEntities'],
  remediation:
    'Create a role for your support staff and attach the policy: ' +
    '`aws iam attach-role-policy --role-name <role> --policy-arn arn:aws:iam::aws:policy/AWSSupportAccess`.',
  evaluate(ctx) {
    const resource = accountResource(ctx);
    const entities = entitiesForAwsPolicy(ctx, POLICY);
    const evidence = { policyArn: awsManagedPolicyArn(ctx.partition, POLICY), entities };
    if (entities.roles.length) {
      return [globalResult(resource, 'PASS', `${POLICY} is attached to ${describeEntities({ ...entities, users: [], groups: [] })}`, { evidence })];
    }
    const others = describeEntities(entities);
    return [
      globalResult(resource, 'FAIL', `${POLICY} is not attached to any role${others ? ` (only to ${others})` : ''}`, { evidence }),
    ];
  },
};

export default check;
