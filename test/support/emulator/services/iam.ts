import { createHash } from 'node:crypto';
import {
  GenerateCredentialReport$,
  GetAccountPasswordPolicy$,
  GetAccountSummary$,
  GetCredentialReport$,
  GetPolicyVersion$,
  ListAttachedUserPolicies$,
  ListEntitiesForPolicy$,
  ListPolicies$,
  ListServerCertificates$,
  ListUserPolicies$,
  ListUsers$,
  ListVirtualMFADevices$,
} from '@aws-sdk/client-iam';
import type { CredentialReportRow, IamUserPolicies } from '../../../../src/collect/inventory.ts';
import { AwsError } from '../aws-error.ts';
import { unwrap } from '../data.ts';
import { bool, required, str } from '../input.ts';
import type { Page } from '../paginate.ts';
import type { Input, OpContext, Output, ServiceSpec } from '../service.ts';
import { emptyAccountReport, reportCsv } from './iam-credential-report.ts';

const EMPTY_ACCOUNT_SUMMARY: Record<string, number> = {
  AccountMFAEnabled: 0,
  AccountAccessKeysPresent: 0,
  AccountSigningCertificatesPresent: 0,
  Users: 0,
  Groups: 0,
  Roles: 0,
  Policies: 0,
  MFADevices: 0,
  MFADevicesInUse: 0,
  ServerCertificates: 0,
  InstanceProfiles: 0,
  Providers: 0,
};

function noSuchEntity(message: string): AwsError {
  return new AwsError('NoSuchEntity', message);
}

function marked<T>(page: Page<T>, member: string): Output {
  return { [member]: page.items, IsTruncated: page.next !== undefined, Marker: page.next };
}

function pageOf<T>(ctx: OpContext, items: readonly T[], input: Input, member: string): Output {
  return marked(ctx.page(items, input.Marker, input.MaxItems), member);
}

function withPathPrefix<T extends { Path?: string }>(items: readonly T[], input: Input): T[] {
  const prefix = str(input, 'PathPrefix') ?? '/';
  return items.filter((item) => (item.Path ?? '/').startsWith(prefix));
}

function credentialReport(ctx: OpContext) {
  return (
    ctx.data.global('iam.credentialReport') ??
    emptyAccountReport(ctx.identity.accountId, ctx.partition, ctx.world.inventory.collectedAt)
  );
}

/** The report's rows, or none when the report itself is a recorded failure. */
function reportRows(ctx: OpContext): CredentialReportRow[] {
  try {
    return credentialReport(ctx).rows;
  } catch (err) {
    if (err instanceof AwsError) return [];
    throw err;
  }
}

function userId(arn: string): string {
  return `AIDA${createHash('sha256').update(arn).digest('hex').slice(0, 17).toUpperCase()}`;
}

function pathOf(arn: string): string {
  const parts = arn.split(':user')[1]?.split('/') ?? [];
  return parts.length > 2 ? `${parts.slice(0, -1).join('/')}/` : '/';
}

/**
 * IAM users with their policies. The inventory keeps no user list of its own: it is the users'
 * policy records, or, when those were never collected, the credential report's user rows.
 */
function users(ctx: OpContext): IamUserPolicies[] {
  const recorded = ctx.data.global('iam.userPolicies');
  if (recorded) return recorded;
  return reportRows(ctx)
    .filter((r) => r.user && r.arn && r.user !== '<root_account>')
    .map((r) => ({ userName: r.user!, arn: r.arn!, attachedPolicies: [], inlinePolicyNames: [] }));
}

function userNamed(ctx: OpContext, input: Input): IamUserPolicies {
  const name = required(input, 'UserName', 'ValidationError');
  const user = users(ctx).find((u) => u.userName === name);
  if (!user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  return user;
}

function attachedPolicies(ctx: OpContext) {
  return ctx.data.global('iam.attachedPolicies') ?? [];
}

export const iam: ServiceSpec = {
  id: 'iam',
  signingName: 'iam',
  protocol: 'awsQuery',
  namespace: 'com.amazonaws.iam',
  xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
  global: true,
  operations: {
    GenerateCredentialReport: {
      schema: GenerateCredentialReport$,
      handle(ctx) {
        credentialReport(ctx);
        return { State: 'COMPLETE', Description: 'No report exists. Starting a new report generation task' };
      },
    },
    GetCredentialReport: {
      schema: GetCredentialReport$,
      handle(ctx) {
        const report = credentialReport(ctx);
        return {
          Content: Buffer.from(reportCsv(report.rows), 'utf8'),
          ReportFormat: 'text/csv',
          GeneratedTime: report.generatedTime,
        };
      },
    },
    GetAccountSummary: {
      schema: GetAccountSummary$,
      handle: (ctx) => ({ SummaryMap: ctx.data.global('iam.accountSummary') ?? EMPTY_ACCOUNT_SUMMARY }),
    },
    GetAccountPasswordPolicy: {
      schema: GetAccountPasswordPolicy$,
      handle(ctx) {
        const policy = ctx.data.global('iam.passwordPolicy');
        if (!policy) {
          throw noSuchEntity(`The Password Policy with domain name ${ctx.identity.accountId} cannot be found.`);
        }
        return { PasswordPolicy: policy };
      },
    },
    ListVirtualMFADevices: {
      schema: ListVirtualMFADevices$,
      handle(ctx, input) {
        const status = str(input, 'AssignmentStatus') ?? 'Any';
        const devices = (ctx.data.global('iam.virtualMfaDevices') ?? []).filter((d) =>
          status === 'Assigned' ? d.User : status === 'Unassigned' ? !d.User : true,
        );
        return pageOf(ctx, devices, input, 'VirtualMFADevices');
      },
    },
    ListPolicies: {
      schema: ListPolicies$,
      handle(ctx, input) {
        const scope = str(input, 'Scope') ?? 'All';
        const onlyAttached = bool(input, 'OnlyAttached') ?? false;
        const policies = withPathPrefix(
          attachedPolicies(ctx).map((p) => p.policy),
          input,
        ).filter((p) => {
          const awsManaged = (p.Arn ?? '').includes(':iam::aws:policy/');
          if (scope === 'AWS' && !awsManaged) return false;
          if (scope === 'Local' && awsManaged) return false;
          return !onlyAttached || (p.AttachmentCount ?? 1) > 0;
        });
        return pageOf(ctx, policies, input, 'Policies');
      },
    },
    GetPolicyVersion: {
      schema: GetPolicyVersion$,
      handle(ctx, input) {
        const arn = required(input, 'PolicyArn', 'ValidationError');
        const versionId = required(input, 'VersionId', 'ValidationError');
        const found = attachedPolicies(ctx).find((p) => p.policy.Arn === arn);
        const defaultVersion = found?.policy.DefaultVersionId ?? versionId;
        if (!found || found.document === null || defaultVersion !== versionId) {
          throw noSuchEntity(`Policy ${arn} version ${versionId} does not exist or is not attachable.`);
        }
        return {
          PolicyVersion: {
            Document: encodeURIComponent(found.document),
            VersionId: versionId,
            IsDefaultVersion: true,
            CreateDate: found.policy.UpdateDate ?? found.policy.CreateDate,
          },
        };
      },
    },
    ListUsers: {
      schema: ListUsers$,
      handle(ctx, input) {
        const report = reportRows(ctx);
        const list = users(ctx).map((u) => {
          const created = report.find((r) => r.arn === u.arn)?.user_creation_time;
          return {
            UserName: u.userName,
            UserId: userId(u.arn),
            Arn: u.arn,
            Path: pathOf(u.arn),
            CreateDate: created ?? ctx.world.inventory.collectedAt,
          };
        });
        return pageOf(ctx, withPathPrefix(list, input), input, 'Users');
      },
    },
    ListAttachedUserPolicies: {
      schema: ListAttachedUserPolicies$,
      handle: (ctx, input) => pageOf(ctx, userNamed(ctx, input).attachedPolicies, input, 'AttachedPolicies'),
    },
    ListUserPolicies: {
      schema: ListUserPolicies$,
      handle: (ctx, input) => pageOf(ctx, userNamed(ctx, input).inlinePolicyNames, input, 'PolicyNames'),
    },
    ListEntitiesForPolicy: {
      schema: ListEntitiesForPolicy$,
      handle(ctx, input) {
        const arn = required(input, 'PolicyArn', 'ValidationError');
        const entities = unwrap(ctx.data.global('iam.policyEntities')?.[arn]) ?? { groups: [], users: [], roles: [] };
        const filter = str(input, 'EntityFilter');
        const tagged = [
          ...entities.groups.map((e) => ['PolicyGroups', e] as const),
          ...entities.users.map((e) => ['PolicyUsers', e] as const),
          ...entities.roles.map((e) => ['PolicyRoles', e] as const),
        ].filter(([kind]) => !filter || !['Group', 'User', 'Role'].includes(filter) || kind === `Policy${filter}s`);
        const page = ctx.page(tagged, input.Marker, input.MaxItems);
        const of = (kind: string) => page.items.filter(([k]) => k === kind).map(([, e]) => e);
        return {
          PolicyGroups: of('PolicyGroups'),
          PolicyUsers: of('PolicyUsers'),
          PolicyRoles: of('PolicyRoles'),
          IsTruncated: page.next !== undefined,
          Marker: page.next,
        };
      },
    },
    ListServerCertificates: {
      schema: ListServerCertificates$,
      handle: (ctx, input) =>
        pageOf(ctx, withPathPrefix(ctx.data.global('iam.serverCertificates') ?? [], input), input, 'ServerCertificateMetadataList'),
    },
  },
};
