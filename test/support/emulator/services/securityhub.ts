import { createHash } from 'node:crypto';
import {
  BatchImportFindings$,
  DescribeHub$,
  GetFindingAggregator$,
  GetFindings$,
  ListFindingAggregators$,
  ListOrganizationAdminAccounts$,
} from '@aws-sdk/client-securityhub';
import { AwsError } from '../aws-error.ts';
import { linkedRegions, managementAccountOf, pageOfQuery, requireSecurityHub, visibleAccounts } from '../hub.ts';
import { num, required } from '../input.ts';
import type { Input, OpContext, Output, ServiceSpec } from '../service.ts';
import type { AsffDocument, FindingAggregatorConfig } from '../world.ts';

const invalidInput = (message: string) => new AwsError('InvalidInputException', message);

type Getter = (f: AsffDocument) => readonly (string | undefined)[];

/** The string attributes GetFindings can filter on here; any other filter is refused, not ignored. */
const STRING_ATTRIBUTES: Record<string, Getter> = {
  AwsAccountId: (f) => [f.AwsAccountId],
  Region: (f) => [f.Region],
  Id: (f) => [f.Id],
  ProductArn: (f) => [f.ProductArn],
  ProductName: (f) => [f.ProductName],
  GeneratorId: (f) => [f.GeneratorId],
  Title: (f) => [f.Title],
  Type: (f) => f.Types ?? [],
  RecordState: (f) => [f.RecordState ?? 'ACTIVE'],
  WorkflowStatus: (f) => [f.Workflow?.Status ?? 'NEW'],
  SeverityLabel: (f) => [f.Severity?.Label],
  ComplianceStatus: (f) => [f.Compliance?.Status],
};

const DATE_ATTRIBUTES: Record<string, (f: AsffDocument) => string | undefined> = {
  UpdatedAt: (f) => f.UpdatedAt,
  CreatedAt: (f) => f.CreatedAt,
  FirstObservedAt: (f) => f.FirstObservedAt,
  LastObservedAt: (f) => f.LastObservedAt,
};

const POSITIVE = new Set(['EQUALS', 'PREFIX', 'CONTAINS', 'CONTAINS_WORD']);

function compare(value: string, filter: string, comparison: string): boolean {
  switch (comparison) {
    case 'EQUALS':
    case 'NOT_EQUALS':
      return value === filter;
    case 'PREFIX':
    case 'PREFIX_NOT_EQUALS':
      return value.startsWith(filter);
    case 'CONTAINS':
    case 'NOT_CONTAINS':
      return value.includes(filter);
    case 'CONTAINS_WORD':
      return value.split(/\W+/).includes(filter);
    default:
      throw invalidInput(`Invalid comparison ${comparison}`);
  }
}

/** As AWS combines them: positive filters on one attribute match any, negative ones must all hold. */
function stringMatch(values: readonly (string | undefined)[], filters: { Value?: string; Comparison?: string }[]): boolean {
  const present = values.filter((v): v is string => v !== undefined);
  const positive = filters.filter((f) => POSITIVE.has(f.Comparison ?? ''));
  const negative = filters.filter((f) => !POSITIVE.has(f.Comparison ?? ''));
  const anyPositive = positive.length === 0 || positive.some((f) => present.some((v) => compare(v, f.Value ?? '', f.Comparison!)));
  return anyPositive && negative.every((f) => !present.some((v) => compare(v, f.Value ?? '', f.Comparison ?? '')));
}

interface DateFilterInput {
  Start?: string;
  End?: string;
  DateRange?: { Value?: number; Unit?: string };
}

function dateWindow(filter: DateFilterInput, now: number): [number, number] {
  if (filter.DateRange) {
    if (filter.DateRange.Unit !== 'DAYS' || typeof filter.DateRange.Value !== 'number') throw invalidInput('DateRange needs a Value in DAYS');
    return [now - filter.DateRange.Value * 86_400_000, now];
  }
  // AWS refuses a date filter with only one end.
  if (!filter.Start || !filter.End) throw invalidInput('A date filter needs both Start and End, or a DateRange');
  const start = Date.parse(filter.Start);
  const end = Date.parse(filter.End);
  if (Number.isNaN(start) || Number.isNaN(end)) throw invalidInput('Start and End must be ISO 8601 date-times');
  return [start, end];
}

function matcher(filters: Record<string, unknown>): (f: AsffDocument) => boolean {
  const attributes = Object.entries(filters).filter(([, v]) => Array.isArray(v) && v.length > 0) as [string, unknown[]][];
  if (attributes.length > 10) throw invalidInput('You can filter by up to 10 finding attributes');
  const now = Date.now();
  const tests = attributes.map(([name, values]): ((f: AsffDocument) => boolean) => {
    if (values.length > 20) throw invalidInput(`Filter ${name} has more than 20 values`);
    const strings = STRING_ATTRIBUTES[name];
    if (strings) return (f) => stringMatch(strings(f), values as { Value?: string; Comparison?: string }[]);
    const date = DATE_ATTRIBUTES[name];
    if (date) {
      const windows = (values as DateFilterInput[]).map((v) => dateWindow(v, now));
      return (f) => {
        const at = Date.parse(date(f) ?? '');
        return windows.some(([start, end]) => at >= start && at <= end);
      };
    }
    throw invalidInput(`The emulator does not support the GetFindings filter ${name}`);
  });
  return (f) => tests.every((t) => t(f));
}

function aggregatorArn(ctx: OpContext, accountId: string, config: FindingAggregatorConfig): string {
  const id = createHash('sha256').update(accountId).digest('hex');
  const uuid = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`;
  return `arn:${ctx.partition}:securityhub:${config.region}:${accountId}:finding-aggregator/${uuid}`;
}

function getFindings(ctx: OpContext, input: Input): Output {
  requireSecurityHub(ctx);
  const max = num(input, 'MaxResults');
  if (max !== undefined && (max < 1 || max > 100)) throw invalidInput('MaxResults must be between 1 and 100');
  const hub = ctx.world.hub?.securityhub;
  const caller = ctx.identity.accountId;
  const accounts = visibleAccounts(ctx.world, caller, hub?.adminAccountId);
  const aggregator = hub?.aggregators?.[caller];
  const regions = new Set([ctx.region]);
  if (aggregator?.region === ctx.region) for (const r of linkedRegions(ctx.world, caller, aggregator)) regions.add(r);
  const matches = matcher((input.Filters ?? {}) as Record<string, unknown>);
  const found = (hub?.findings ?? []).filter((f) => accounts.has(f.AwsAccountId) && regions.has(f.Region) && matches(f));
  const query = { Filters: input.Filters, SortCriteria: input.SortCriteria };
  const page = pageOfQuery(ctx, query, found, input.NextToken, max, () => invalidInput('The NextToken is not valid for these filters'));
  return { Findings: page.items, NextToken: page.next };
}

const REQUIRED = ['AwsAccountId', 'CreatedAt', 'Description', 'GeneratorId', 'Id', 'ProductArn', 'Resources', 'SchemaVersion', 'Severity', 'Title', 'Types', 'UpdatedAt'];
const MAX_FINDING_BYTES = 240 * 1024;
const MAX_REQUEST_BYTES = 6 * 1024 * 1024;

/** Why Security Hub would refuse one finding of a batch, or undefined when it takes it. */
function rejection(ctx: OpContext, f: Record<string, unknown>): { ErrorCode: string; ErrorMessage: string } | undefined {
  const injected = ctx.world.hub?.securityhub?.importFailures?.find((x) => x.id === f.Id);
  if (injected) return { ErrorCode: injected.code, ErrorMessage: injected.message };
  const missing = REQUIRED.find((k) => f[k] === undefined || f[k] === null || f[k] === '');
  if (missing) {
    return { ErrorCode: 'InvalidInput', ErrorMessage: `Finding does not adhere to Amazon Finding Format. data should have required property '${missing}'` };
  }
  if (f.AwsAccountId !== ctx.identity.accountId) {
    return { ErrorCode: 'AccessDeniedException', ErrorMessage: `AwsAccountId ${String(f.AwsAccountId)} is not the calling account ${ctx.identity.accountId}` };
  }
  if (Buffer.byteLength(JSON.stringify(f)) > MAX_FINDING_BYTES) {
    return { ErrorCode: 'InvalidInput', ErrorMessage: 'Finding is larger than 240 KB' };
  }
  return undefined;
}

function batchImportFindings(ctx: OpContext, input: Input): Output {
  requireSecurityHub(ctx);
  const findings = input.Findings;
  if (!Array.isArray(findings) || findings.length === 0 || findings.length > 100) {
    throw invalidInput('Findings must hold between 1 and 100 findings');
  }
  if (Buffer.byteLength(JSON.stringify(findings)) > MAX_REQUEST_BYTES) throw invalidInput('The request is larger than 6 MB');
  // IAM authorizes the call against every product ARN: another account's or region's product is denied outright.
  const own = `arn:${ctx.partition}:securityhub:${ctx.region}:${ctx.identity.accountId}:product/`;
  const foreign = (findings as Record<string, unknown>[]).find((f) => !String(f.ProductArn ?? '').startsWith(own));
  if (foreign) {
    throw new AwsError(
      'AccessDeniedException',
      `User: ${ctx.identity.arn} is not authorized to perform: securityhub:BatchImportFindings on resource: ${String(foreign.ProductArn)}`,
    );
  }
  ctx.world.hub ??= {};
  const hub = (ctx.world.hub.securityhub ??= { findings: [] });
  const failed: { Id: string; ErrorCode: string; ErrorMessage: string }[] = [];
  for (const f of findings as Record<string, unknown>[]) {
    const refused = rejection(ctx, f);
    if (refused) {
      failed.push({ Id: String(f.Id ?? ''), ...refused });
      continue;
    }
    const at = hub.findings.findIndex((x) => x.ProductArn === f.ProductArn && x.Id === f.Id);
    const existing = at >= 0 ? hub.findings[at] : undefined;
    // The workflow belongs to the customer: a provider's re-import does not change it.
    const stored = { RecordState: 'ACTIVE', ...f, Region: ctx.region, Workflow: existing?.Workflow ?? { Status: 'NEW' } } as AsffDocument;
    if (existing) hub.findings[at] = stored;
    else hub.findings.push(stored);
  }
  return { SuccessCount: findings.length - failed.length, FailedCount: failed.length, FailedFindings: failed };
}

export const securityhub: ServiceSpec = {
  id: 'securityhub',
  signingName: 'securityhub',
  protocol: 'restJson1',
  namespace: 'com.amazonaws.securityhub',
  global: false,
  operations: {
    DescribeHub: {
      schema: DescribeHub$,
      handle(ctx) {
        const hub = ctx.data.regional(ctx.region, 'securityhub.hub');
        if (!hub) {
          throw new AwsError('InvalidAccessException', `Account ${ctx.identity.accountId} is not subscribed to AWS Security Hub`);
        }
        return {
          HubArn: hub.hubArn,
          SubscribedAt: ctx.world.inventory.collectedAt,
          AutoEnableControls: true,
          ControlFindingGenerator: 'SECURITY_CONTROL',
        };
      },
    },
    GetFindings: { schema: GetFindings$, handle: getFindings },
    BatchImportFindings: { schema: BatchImportFindings$, handle: batchImportFindings },
    ListFindingAggregators: {
      schema: ListFindingAggregators$,
      handle(ctx, input) {
        requireSecurityHub(ctx);
        const config = ctx.world.hub?.securityhub?.aggregators?.[ctx.identity.accountId];
        const arns = config ? [{ FindingAggregatorArn: aggregatorArn(ctx, ctx.identity.accountId, config) }] : [];
        const page = ctx.page(arns, input.NextToken, input.MaxResults);
        return { FindingAggregators: page.items, NextToken: page.next };
      },
    },
    GetFindingAggregator: {
      schema: GetFindingAggregator$,
      handle(ctx, input) {
        requireSecurityHub(ctx);
        const arn = required(input, 'FindingAggregatorArn', 'InvalidInputException');
        const config = ctx.world.hub?.securityhub?.aggregators?.[ctx.identity.accountId];
        if (!config || aggregatorArn(ctx, ctx.identity.accountId, config) !== arn) {
          throw new AwsError('ResourceNotFoundException', `Finding aggregator ${arn} not found`);
        }
        return {
          FindingAggregatorArn: arn,
          FindingAggregationRegion: config.region,
          RegionLinkingMode: config.mode,
          ...(config.regions ? { Regions: config.regions } : {}),
        };
      },
    },
    ListOrganizationAdminAccounts: {
      schema: ListOrganizationAdminAccounts$,
      handle(ctx, input) {
        if (ctx.identity.accountId !== managementAccountOf(ctx.world)) {
          throw new AwsError('AccessDeniedException', 'Only the organization management account can list Security Hub administrator accounts.');
        }
        const admin = ctx.world.hub?.securityhub?.adminAccountId;
        const page = ctx.page(admin ? [{ AccountId: admin, Status: 'ENABLED' }] : [], input.NextToken, input.MaxResults);
        return { AdminAccounts: page.items, NextToken: page.next, Feature: input.Feature ?? 'SecurityHub' };
      },
    },
  },
};
