import {
  GetAccountPasswordPolicyCommand,
  GetAccountSummaryCommand,
  GetPolicyVersionCommand,
  IAMClient,
  paginateListAttachedUserPolicies,
  paginateListEntitiesForPolicy,
  paginateListPolicies,
  paginateListServerCertificates,
  paginateListUserPolicies,
  paginateListUsers,
  paginateListVirtualMFADevices,
  type Policy,
  type User,
} from '@aws-sdk/client-iam';
import { awsManagedPolicyArn } from './arn.ts';
import { attempt, plain } from './attempt.ts';
import { fetchCredentialReport, systemClock, type Clock } from './credential-report.ts';
import type {
  Collected,
  GlobalDatasets,
  IamPolicyWithDocument,
  IamUserPolicies,
  PolicyEntities,
} from './inventory.ts';
import { allItems } from './pages.ts';
import type { GlobalCollector } from './types.ts';
import { collectWanted } from './wanted.ts';

// Query-protocol errors carry the wire code; SDK-class errors only their class name.
const NO_SUCH_ENTITY = ['NoSuchEntity', 'NoSuchEntityException'];

/** AWS-managed policies whose attachments CIS looks at (support role, CloudShell access). */
const WATCHED_POLICIES = ['AWSSupportAccess', 'AWSCloudShellFullAccess'];

export function createIamCollector(clock: Clock = systemClock): GlobalCollector {
  return {
    id: 'iam',
    phase: 'global',
    datasets: [
      'iam.credentialReport',
      'iam.accountSummary',
      'iam.passwordPolicy',
      'iam.virtualMfaDevices',
      'iam.attachedPolicies',
      'iam.userPolicies',
      'iam.policyEntities',
      'iam.serverCertificates',
    ],
    collect(ctx, wanted) {
      const iam = ctx.client(IAMClient);
      return collectWanted<GlobalDatasets>(wanted, {
        'iam.credentialReport': () => attempt(() => fetchCredentialReport(iam, clock)),
        'iam.accountSummary': () =>
          attempt(async () => {
            const out = await iam.send(new GetAccountSummaryCommand({}));
            return { ...out.SummaryMap } as Record<string, number>;
          }),
        'iam.passwordPolicy': () =>
          attempt(
            async () => {
              const out = await iam.send(new GetAccountPasswordPolicyCommand({}));
              return out.PasswordPolicy ? plain(out.PasswordPolicy) : null;
            },
            { absentOn: NO_SUCH_ENTITY, absent: null },
          ),
        'iam.virtualMfaDevices': () =>
          attempt(async () =>
            plain(
              await allItems(
                paginateListVirtualMFADevices({ client: iam }, { AssignmentStatus: 'Assigned' }),
                (page) => page.VirtualMFADevices,
              ),
            ),
          ),
        'iam.attachedPolicies': () => attempt(() => attachedPolicies(iam)),
        'iam.userPolicies': () => attempt(() => userPolicies(iam)),
        'iam.policyEntities': () =>
          attempt(async () => {
            const arns = WATCHED_POLICIES.map((name) => awsManagedPolicyArn(ctx.partition, name));
            const entries = await Promise.all(arns.map(async (arn) => [arn, await policyEntities(iam, arn)] as const));
            return Object.fromEntries(entries);
          }),
        'iam.serverCertificates': () =>
          attempt(async () =>
            plain(
              await allItems(
                paginateListServerCertificates({ client: iam }, {}),
                (page) => page.ServerCertificateMetadataList,
              ),
            ),
          ),
      });
    },
  };
}

export const iamCollector = createIamCollector();

async function attachedPolicies(iam: IAMClient): Promise<IamPolicyWithDocument[]> {
  const policies = await allItems(
    paginateListPolicies({ client: iam }, { OnlyAttached: true, Scope: 'All' }),
    (page) => page.Policies,
  );
  return Promise.all(policies.map(async (policy) => ({ policy: plain(policy), document: await defaultDocument(iam, policy) })));
}

/** The default version's document; null when it cannot be read, so one policy never fails the list. */
async function defaultDocument(iam: IAMClient, policy: Policy): Promise<string | null> {
  if (!policy.Arn || !policy.DefaultVersionId) return null;
  const { Arn: PolicyArn, DefaultVersionId: VersionId } = policy;
  const doc = await attempt(async () => {
    const out = await iam.send(new GetPolicyVersionCommand({ PolicyArn, VersionId }));
    const encoded = out.PolicyVersion?.Document;
    return encoded === undefined ? null : decodeURIComponent(encoded);
  });
  return doc.ok ? doc.data : null;
}

async function userPolicies(iam: IAMClient): Promise<IamUserPolicies[]> {
  const users = await allItems(paginateListUsers({ client: iam }, {}), (page) => page.Users);
  return Promise.all(users.map((user) => policiesOfUser(iam, user)));
}

async function policiesOfUser(iam: IAMClient, user: User): Promise<IamUserPolicies> {
  const UserName = user.UserName;
  const [attached, inline] = await Promise.all([
    allItems(paginateListAttachedUserPolicies({ client: iam }, { UserName }), (page) => page.AttachedPolicies),
    allItems(paginateListUserPolicies({ client: iam }, { UserName }), (page) => page.PolicyNames),
  ]);
  return { userName: UserName ?? '', arn: user.Arn ?? '', attachedPolicies: plain(attached), inlinePolicyNames: inline };
}

function policyEntities(iam: IAMClient, PolicyArn: string): Promise<Collected<PolicyEntities>> {
  return attempt(
    async () => {
      const entities: PolicyEntities = { roles: [], users: [], groups: [] };
      for await (const page of paginateListEntitiesForPolicy({ client: iam }, { PolicyArn })) {
        entities.roles.push(...plain(page.PolicyRoles ?? []));
        entities.users.push(...plain(page.PolicyUsers ?? []));
        entities.groups.push(...plain(page.PolicyGroups ?? []));
      }
      return entities;
    },
    { absentOn: NO_SUCH_ENTITY, absent: { roles: [], users: [], groups: [] } },
  );
}
