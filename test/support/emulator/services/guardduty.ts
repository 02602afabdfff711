import {
  GetDetector$,
  GetFindings$,
  ListDetectors$,
  ListFindings$,
  ListOrganizationAdminAccounts$,
} from '@aws-sdk/client-guardduty';
import { AwsError } from '../aws-error.ts';
import { managementAccountOf, pageOfQuery, visibleAccounts } from '../hub.ts';
import { num, required, strs } from '../input.ts';
import type { Input, OpContext, ServiceSpec } from '../service.ts';
import type { GuardDutyDocument } from '../world.ts';

const badRequest = (message: string) => new AwsError('BadRequestException', message);

function detectorOf(ctx: OpContext, input: Input) {
  const id = required(input, 'DetectorId', 'BadRequestException');
  const detector = (ctx.data.regional(ctx.region, 'guardduty.detectors') ?? []).find((d) => d.detectorId === id);
  if (!detector) throw badRequest('The request is rejected because the input detectorId is not owned by the current account.');
  return detector;
}

/** The findings a detector sees: its region's, of its own account and, for the administrator, of every organization account. */
function visibleFindings(ctx: OpContext): GuardDutyDocument[] {
  const gd = ctx.world.hub?.guardduty;
  const accounts = visibleAccounts(ctx.world, ctx.identity.accountId, gd?.adminAccountId);
  return (gd?.findings ?? []).filter((f) => accounts.has(f.AccountId) && f.Region === ctx.region);
}

/** Finding fields by their FindingCriteria name (the JSON field path); timestamps compare as epoch milliseconds. */
const CRITERIA_FIELDS: Record<string, (f: GuardDutyDocument) => string | number | boolean | undefined> = {
  accountId: (f) => f.AccountId,
  region: (f) => f.Region,
  id: (f) => f.Id,
  type: (f) => f.Type,
  severity: (f) => f.Severity,
  updatedAt: (f) => Date.parse(f.UpdatedAt),
  createdAt: (f) => (f.CreatedAt ? Date.parse(f.CreatedAt) : undefined),
  'service.archived': (f) => f.Service?.Archived ?? false,
  'resource.resourceType': (f) => f.Resource?.ResourceType,
};

interface Condition {
  Eq?: string[];
  Neq?: string[];
  Equals?: string[];
  NotEquals?: string[];
  Gt?: number;
  Gte?: number;
  Lt?: number;
  Lte?: number;
  GreaterThan?: number;
  GreaterThanOrEqual?: number;
  LessThan?: number;
  LessThanOrEqual?: number;
}

function holds(value: string | number | boolean | undefined, c: Condition): boolean {
  if (value === undefined) return false;
  const text = String(value);
  const n = typeof value === 'number' ? value : Number.NaN;
  const equals = c.Equals ?? c.Eq;
  const notEquals = c.NotEquals ?? c.Neq;
  const gt = c.GreaterThan ?? c.Gt;
  const gte = c.GreaterThanOrEqual ?? c.Gte;
  const lt = c.LessThan ?? c.Lt;
  const lte = c.LessThanOrEqual ?? c.Lte;
  return (
    (!equals || equals.includes(text)) &&
    (!notEquals || !notEquals.includes(text)) &&
    (gt === undefined || n > gt) &&
    (gte === undefined || n >= gte) &&
    (lt === undefined || n < lt) &&
    (lte === undefined || n <= lte)
  );
}

function criteriaMatcher(input: Input): (f: GuardDutyDocument) => boolean {
  const criterion = ((input.FindingCriteria as { Criterion?: Record<string, Condition> } | undefined)?.Criterion ?? {}) as Record<string, Condition>;
  const tests = Object.entries(criterion).map(([field, condition]) => {
    const get = CRITERIA_FIELDS[field];
    if (!get) throw badRequest(`The emulator does not support the finding criterion ${field}`);
    return (f: GuardDutyDocument) => holds(get(f), condition);
  });
  return (f) => tests.every((t) => t(f));
}

export const guardduty: ServiceSpec = {
  id: 'guardduty',
  signingName: 'guardduty',
  protocol: 'restJson1',
  namespace: 'com.amazonaws.guardduty',
  global: false,
  operations: {
    ListDetectors: {
      schema: ListDetectors$,
      handle(ctx, input) {
        const ids = (ctx.data.regional(ctx.region, 'guardduty.detectors') ?? []).map((d) => d.detectorId);
        const page = ctx.page(ids, input.NextToken, input.MaxResults);
        return { DetectorIds: page.items, NextToken: page.next };
      },
    },
    GetDetector: {
      schema: GetDetector$,
      handle(ctx, input) {
        const detector = detectorOf(ctx, input);
        return {
          Status: detector.status ?? 'ENABLED',
          ServiceRole: `arn:${ctx.partition}:iam::${ctx.identity.accountId}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`,
          FindingPublishingFrequency: 'SIX_HOURS',
          CreatedAt: ctx.world.inventory.collectedAt,
          UpdatedAt: ctx.world.inventory.collectedAt,
        };
      },
    },
    ListFindings: {
      schema: ListFindings$,
      handle(ctx, input) {
        detectorOf(ctx, input);
        const max = num(input, 'MaxResults');
        if (max !== undefined && (max < 1 || max > 50)) throw badRequest('maxResults must be between 1 and 50');
        const found = visibleFindings(ctx).filter(criteriaMatcher(input));
        const query = { FindingCriteria: input.FindingCriteria, SortCriteria: input.SortCriteria };
        const page = pageOfQuery(ctx, query, found, input.NextToken, max, () => badRequest('The nextToken is not valid for this request'));
        return { FindingIds: page.items.map((f) => f.Id), NextToken: page.next };
      },
    },
    GetFindings: {
      schema: GetFindings$,
      handle(ctx, input) {
        detectorOf(ctx, input);
        const ids = strs(input, 'FindingIds') ?? [];
        if (ids.length === 0 || ids.length > 50) throw badRequest('findingIds must hold between 1 and 50 ids');
        const byId = new Map(visibleFindings(ctx).map((f) => [f.Id, f]));
        return { Findings: ids.map((id) => byId.get(id)).filter((f) => f !== undefined) };
      },
    },
    ListOrganizationAdminAccounts: {
      schema: ListOrganizationAdminAccounts$,
      handle(ctx, input) {
        if (ctx.identity.accountId !== managementAccountOf(ctx.world)) {
          throw badRequest('The request is rejected because the current account is not the organization management account.');
        }
        const admin = ctx.world.hub?.guardduty?.adminAccountId;
        const page = ctx.page(admin ? [{ AdminAccountId: admin, AdminStatus: 'ENABLED' }] : [], input.NextToken, input.MaxResults);
        return { AdminAccounts: page.items, NextToken: page.next };
      },
    },
  },
};
