import type { Collected, IamPolicyWithDocument, IamUserPolicies, PolicyEntities } from '../collect/inventory.ts';
import type { AccountContext } from './context.ts';
import { awsManagedPolicyArn } from '../collect/arn.ts';
import { iamArn } from './context.ts';
import { createRng, hash32 } from './random.ts';
import type { SampleUser } from './users.ts';

interface PolicySpec {
  name: string;
  path: string;
  awsManaged: boolean;
  document: string;
}

const doc = (statement: unknown) => JSON.stringify({ Version: '2012-10-17', Statement: statement });

/** AWS-managed documents, shortened to the statements that matter for the checks. */
const AWS_MANAGED: Record<string, PolicySpec> = {
  AdministratorAccess: { name: 'AdministratorAccess', path: '/', awsManaged: true, document: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) },
  PowerUserAccess: {
    name: 'PowerUserAccess',
    path: '/',
    awsManaged: true,
    document: doc([
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      { Effect: 'Allow', Action: ['iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization', 'account:ListRegions'], Resource: '*' },
    ]),
  },
  ReadOnlyAccess: {
    name: 'ReadOnlyAccess',
    path: '/',
    awsManaged: true,
    document: doc([{ Effect: 'Allow', Action: ['ec2:Describe*', 'iam:Get*', 'iam:List*', 's3:Get*', 's3:List*', 'logs:Describe*', 'cloudtrail:Describe*'], Resource: '*' }]),
  },
  SecurityAudit: {
    name: 'SecurityAudit',
    path: '/',
    awsManaged: true,
    document: doc([{ Effect: 'Allow', Action: ['access-analyzer:List*', 'cloudtrail:Get*', 'config:Describe*', 'iam:GenerateCredentialReport', 'iam:GetCredentialReport', 'kms:Describe*', 's3:GetBucketPolicy'], Resource: '*' }]),
  },
  ViewOnlyAccess: {
    name: 'ViewOnlyAccess',
    path: '/job-function/',
    awsManaged: true,
    document: doc([{ Effect: 'Allow', Action: ['ec2:DescribeInstances', 's3:ListAllMyBuckets', 'rds:DescribeDBInstances'], Resource: '*' }]),
  },
  AWSSupportAccess: { name: 'AWSSupportAccess', path: '/', awsManaged: true, document: doc([{ Effect: 'Allow', Action: ['support:*'], Resource: '*' }]) },
  AWSCloudShellFullAccess: {
    name: 'AWSCloudShellFullAccess',
    path: '/',
    awsManaged: true,
    document: doc([{ Effect: 'Allow', Action: ['cloudshell:*'], Resource: '*' }]),
  },
};

const CUSTOMER: Record<string, PolicySpec> = {
  'acme-deploy-pipeline': {
    name: 'acme-deploy-pipeline',
    path: '/',
    awsManaged: false,
    document: doc([
      { Sid: 'Artifacts', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::acme-artifacts-*/*' },
      { Sid: 'Deploy', Effect: 'Allow', Action: ['ecs:UpdateService', 'ecs:DescribeServices'], Resource: '*' },
    ]),
  },
  'acme-log-reader': {
    name: 'acme-log-reader',
    path: '/',
    awsManaged: false,
    document: doc({ Effect: 'Allow', Action: ['logs:GetLogEvents', 'logs:FilterLogEvents'], Resource: '*' }),
  },
  // Both `*:*` forms the benchmark audit must catch: a list and a bare statement object.
  'DevFullAccess': {
    name: 'DevFullAccess',
    path: '/',
    awsManaged: false,
    document: doc([{ Sid: 'Everything', Effect: 'Allow', Action: ['*'], Resource: ['*'] }]),
  },
  'sandbox-admin': {
    name: 'sandbox-admin',
    path: '/sandbox/',
    awsManaged: false,
    document: doc({ Effect: 'Allow', Action: '*', Resource: '*' }),
  },
};

export interface IamPolicyData {
  attachedPolicies: IamPolicyWithDocument[];
  userPolicies: IamUserPolicies[];
  policyEntities: Record<string, Collected<PolicyEntities>>;
  roleCount: number;
  groupCount: number;
}

function policyArn(ctx: AccountContext, spec: PolicySpec): string {
  return spec.awsManaged ? awsManagedPolicyArn(ctx.partition, `${spec.path.slice(1)}${spec.name}`) : iamArn(ctx, `policy${spec.path}${spec.name}`);
}

/** Unique ids of AWS-managed policies are the same in every account; derive them from the name. */
function policyId(ctx: AccountContext, spec: PolicySpec): string {
  const rng = spec.awsManaged ? createRng(hash32(spec.name)) : ctx.rng;
  return `ANPA${rng.upperAlnum(17)}`;
}

export function iamPolicies(ctx: AccountContext, users: SampleUser[]): IamPolicyData {
  const { profile, rng, clock } = ctx;
  const attachments = new Map<string, number>();
  const attach = (name: string, times = 1) => attachments.set(name, (attachments.get(name) ?? 0) + times);

  const roles = profile.kind === 'sandbox' ? rng.int(4, 8) : rng.int(10, 30);
  const groups = profile.kind === 'sandbox' ? 1 : rng.int(2, 5);
  attach('ReadOnlyAccess', 1 + rng.int(0, 2));
  attach('acme-log-reader');
  if (profile.kind !== 'sandbox') attach('acme-deploy-pipeline');
  if (profile.kind === 'management' || profile.kind === 'security') attach('SecurityAudit', 2);
  else attach('PowerUserAccess', rng.int(1, 3));
  if (profile.adminPolicy === 'aws-managed') attach('AdministratorAccess');
  if (profile.adminPolicy === 'customer') attach(profile.kind === 'sandbox' ? 'sandbox-admin' : 'DevFullAccess');

  const supportRoles = profile.supportRole ? [{ RoleName: 'aws-support-access', RoleId: `AROA${rng.upperAlnum(17)}` }] : [];
  if (supportRoles.length) attach('AWSSupportAccess');
  const cloudShell: PolicyEntities = profile.cloudShellAttached
    ? { roles: [], users: [], groups: [{ GroupName: 'developers', GroupId: `AGPA${rng.upperAlnum(17)}` }] }
    : { roles: [], users: [], groups: [] };
  if (profile.cloudShellAttached) attach('AWSCloudShellFullAccess');

  const directChoices = ['ReadOnlyAccess', 'acme-log-reader', 'PowerUserAccess'];
  const userPolicies: IamUserPolicies[] = users.map((u) => {
    if (!u.directPolicies) return { userName: u.name, arn: u.arn, attachedPolicies: [], inlinePolicyNames: [] };
    const inline = rng.chance(0.5);
    const attached = inline && rng.chance(0.5) ? [] : [rng.pick(directChoices)];
    for (const name of attached) attach(name);
    return {
      userName: u.name,
      arn: u.arn,
      attachedPolicies: attached.map((name) => {
        const spec = (AWS_MANAGED[name] ?? CUSTOMER[name]) as PolicySpec;
        return { PolicyName: spec.name, PolicyArn: policyArn(ctx, spec) };
      }),
      inlinePolicyNames: inline || attached.length === 0 ? [`${u.name.replace(/[^\w+=.@-]/g, '-')}-inline`] : [],
    };
  });

  if (profile.cloudShellAttached && profile.kind === 'sandbox') {
    const someone = users.find((u) => u.console);
    if (someone) {
      cloudShell.users.push({ UserName: someone.name, UserId: someone.userId });
      attach('AWSCloudShellFullAccess');
    }
  }

  const attachedPolicies = [...attachments.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, count]) => {
    const spec = (AWS_MANAGED[name] ?? CUSTOMER[name]) as PolicySpec;
    const created = spec.awsManaged ? 3000 + (hash32(name) % 800) : rng.int(60, 900);
    return {
      policy: {
        PolicyName: spec.name,
        PolicyId: policyId(ctx, spec),
        Arn: policyArn(ctx, spec),
        Path: spec.path,
        DefaultVersionId: `v${spec.awsManaged ? 1 + (hash32(name) % 40) : rng.int(1, 4)}`,
        AttachmentCount: count,
        PermissionsBoundaryUsageCount: 0,
        IsAttachable: true,
        CreateDate: clock.ago(created),
        UpdateDate: clock.ago(Math.max(1, created - rng.int(0, 50))),
      },
      document: spec.document,
    };
  });

  return {
    attachedPolicies,
    userPolicies,
    policyEntities: {
      [awsManagedPolicyArn(ctx.partition, 'AWSSupportAccess')]: { ok: true, data: { roles: supportRoles, users: [], groups: [] } },
      [awsManagedPolicyArn(ctx.partition, 'AWSCloudShellFullAccess')]: { ok: true, data: cloudShell },
    },
    roleCount: roles,
    groupCount: groups,
  };
}
