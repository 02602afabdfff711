import type { IamPolicyWithDocument } from '../../collect/inventory.ts';
import type { AccountCheck, CheckResult } from '../types.ts';
import { parsePolicyDocument, type PolicyStatement } from '../lib/policy-document.ts';
import { accountResource, globalResult, INCOMPLETE } from '../lib/iam-results.ts';

const AWS_MANAGED = /^arn:[^:]+:iam::aws:policy\//;

const grantsFullAdmin = (s: PolicyStatement) => s.effect === 'Allow' && s.actions.includes('*') && s.resources.includes('*');

function judge(p: IamPolicyWithDocument): CheckResult | undefined {
  const arn = p.policy.Arn ?? p.policy.PolicyName ?? 'unknown';
  const name = `policy \`${p.policy.PolicyName ?? arn}\``;
  const resource = { resourceId: arn, resourceType: 'AwsIamPolicy' };
  if (p.document === null) {
    return globalResult(resource, 'ERROR', `the default version of ${name} could not be read`, { errorCode: INCOMPLETE });
  }
  let statements;
  try {
    statements = parsePolicyDocument(p.document);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return globalResult(resource, 'ERROR', `cannot judge ${name}: ${why}`, { errorCode: 'InvalidPolicyDocument' });
  }
  const admin = statements.filter(grantsFullAdmin);
  if (!admin.length) return undefined;
  const labels = admin.map((s) => `\`${s.label}\``).join(', ');
  const attached = p.policy.AttachmentCount === undefined ? 'is attached' : `is attached to ${p.policy.AttachmentCount} entities`;
  return globalResult(
    resource,
    'FAIL',
    `${name} allows Action "*" on Resource "*" (statement ${labels}) and ${attached}`,
    { evidence: { statements: admin } },
  );
}

const check: AccountCheck = {
  id: 'iam_no_full_admin_policy_attached',
  title: 'No attached IAM policy grants full "*:*" administrative privileges',
  severity: 'high',
  scope: 'account',
  reads: ['iam.attachedPolicies'],
  remediation:
    'Replace the policy with least-privilege policies and detach it from every user, group and role ' +
    '(`aws iam list-entities-for-policy --policy-arn <arn>`, then `aws iam detach-{user,group,role}-policy ...`).',
  evaluate(ctx) {
    const includeAws = ctx.options.includeAwsManagedAdminPolicies;
    const judged = ctx
      .global('iam.attachedPolicies')
      .filter((p) => includeAws || !AWS_MANAGED.test(p.policy.Arn ?? ''));
    const results = judged.flatMap((p) => judge(p) ?? []);
    if (results.length) return results;
    const kind = includeAws ? 'attached policy' : 'attached customer-managed policy';
    return [globalResult(accountResource(ctx), 'PASS', `no ${kind} allows Action "*" on Resource "*" (${judged.length} checked)`)];
  },
};

export default check;
