import type { AccountCheck } from '../types.ts';
import { globalResult } from '../lib/iam-results.ts';

const quoted = (names: (string | undefined)[]) => names.map((n) => `\`${n ?? '?'}\``).join(', ');

const check: AccountCheck = {
  id: 'iam_user_no_direct_policies',
  title: 'IAM users receive permissions only through groups',
  severity: 'low',
  scope: 'account',
  reads: ['iam.userPolicies'],
  remediation:
    'Put the user in a group that carries the permissions, then detach managed policies ' +
    '(`aws iam detach-user-policy --user-name <user> --policy-arn <arn>`) and delete inline ones ' +
    '(`aws iam delete-user-policy --user-name <user> --policy-name <name>`).',
  evaluate(ctx) {
    return ctx.global('iam.userPolicies').map((u) => {
      const resource = { resourceId: u.arn, resourceType: 'AwsIamUser' };
      const direct: string[] = [];
      if (u.attachedPolicies.length) direct.push(`attached policies ${quoted(u.attachedPolicies.map((p) => p.PolicyName))}`);
      if (u.inlinePolicyNames.length) direct.push(`inline policies ${quoted(u.inlinePolicyNames)}`);
      return direct.length
        ? globalResult(resource, 'FAIL', `user \`${u.userName}\` has ${direct.join(' and ')}`)
        : globalResult(resource, 'PASS', `user \`${u.userName}\` has no policies of its own`);
    });
  },
};

export default check;
