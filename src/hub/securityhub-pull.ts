import {
  AwsSecurityFinding$,
  GetFindingAggregatorCommand,
  paginateGetFindings,
  paginateListFindingAggregators,
  paginateListOrganizationAdminAccounts,
  SecurityHubClient,
  type AwsSecurityFindingFilters,
} from '@aws-sdk/client-securityhub';
import { toCollectError } from '../aws/errors.ts';
import { SEVERITIES, severityRank } from '../findings/model.ts';
import { mergeGenerators } from './merge.ts';
import { runPull, severityFloor, type PullBatch, type PullOptions, type PullResult, type SourceContext } from './pull.ts';
import { wireDocument } from './wire.ts';

/** Security Hub's answer in a region where the account has not enabled it. */
const NOT_ENABLED = 'InvalidAccessException';

/**
 * DateFilter needs both ends. A fixed far end keeps the request the same on every page (AWS
 * refuses a NextToken sent with changed filters) and misses nothing updated during the pull.
 */
const UPDATED_BEFORE = '2999-12-31T23:59:59.999Z';

const LABELS = SEVERITIES.map((s) => s.toUpperCase());

/** GetFindings filters take at most 20 values per attribute. */
const MAX_FILTER_VALUES = 20;

/**
 * Security Hub findings (ASFF), a batch per GetFindings page, control and product findings alike.
 * With `--org`, from the delegated administrator when there is one (its findings include every
 * member's), else account by account. In the pulling account, a cross-region aggregation region is
 * pulled once for itself and its linked regions, and only the unlinked regions separately.
 */
export function pullSecurityHub(o: PullOptions): AsyncGenerator<PullBatch<'securityhub'>, PullResult> {
  return runPull(o, {
    origin: 'securityhub',
    async findAdmin(session, options) {
      const client = session.factory.client(SecurityHubClient, session.caller.accountId, options.homeRegion);
      for await (const page of paginateListOrganizationAdminAccounts({ client }, {})) {
        const admin = page.AdminAccounts?.find((a) => a.Status === 'ENABLED' && a.AccountId);
        if (admin) return admin.AccountId;
      }
      return undefined;
    },
    pullSource,
  });
}

interface Aggregation {
  region: string;
  /** Enabled regions whose findings the aggregation region also returns. */
  linked: string[];
}

/** One paginated GetFindings: where it is sent, the regions it returns in full, and its Region filter. */
interface Query {
  region: string;
  covers: string[];
  regionFilter?: string[];
}

async function readAggregation(client: SecurityHubClient, enabled: readonly string[]): Promise<Aggregation | undefined> {
  let arn: string | undefined;
  for await (const page of paginateListFindingAggregators({ client }, {})) {
    arn ??= page.FindingAggregators?.find((a) => a.FindingAggregatorArn)?.FindingAggregatorArn;
  }
  if (!arn) return undefined;
  const out = await client.send(new GetFindingAggregatorCommand({ FindingAggregatorArn: arn }));
  const region = out.FindingAggregationRegion ?? arn.split(':')[3]!;
  const named = new Set(out.Regions ?? []);
  const others = enabled.filter((r) => r !== region);
  switch (out.RegionLinkingMode) {
    case 'ALL_REGIONS':
      return { region, linked: others };
    case 'ALL_REGIONS_EXCEPT_SPECIFIED':
      return { region, linked: others.filter((r) => !named.has(r)) };
    case 'SPECIFIED_REGIONS':
      return { region, linked: others.filter((r) => named.has(r)) };
    default:
      // NO_REGIONS, or a mode this code does not know: every region is pulled on its own.
      return undefined;
  }
}

function findingFilters(o: PullOptions, onlyAccount: string | undefined, regions: string[] | undefined): AwsSecurityFindingFilters {
  const eq = (Value: string) => ({ Value, Comparison: 'EQUALS' as const });
  const floor = severityFloor(o);
  return {
    ...(onlyAccount ? { AwsAccountId: [eq(onlyAccount)] } : {}),
    ...(regions ? { Region: regions.map(eq) } : {}),
    // A full pull asks for what is current; an incremental one also for what was archived since.
    ...(o.since ? { UpdatedAt: [{ Start: o.since.toISOString(), End: UPDATED_BEFORE }] } : { RecordState: [eq('ACTIVE')] }),
    ...(floor ? { SeverityLabel: LABELS.slice(severityRank(floor)).map(eq) } : {}),
  };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function* pullSource(ctx: SourceContext): AsyncGenerator<PullBatch<'securityhub'>, string[]> {
  const { session, source, options: o, issues } = ctx;
  const accountId = source.accountId;
  const client = (region: string) => session.factory.client(SecurityHubClient, accountId, region);
  const selected = new Set(ctx.regions.selected);
  const notEnabled = new Set<string>();

  // The aggregation can be read in any region where Security Hub is enabled: try the home region,
  // then the selected ones; a region that answers "not enabled" need not be asked for findings.
  let aggregation: Aggregation | undefined;
  const probes = [...new Set([o.homeRegion, ...ctx.regions.selected])].filter((r) => ctx.regions.enabled.includes(r));
  for (const region of probes) {
    try {
      aggregation = await readAggregation(client(region), ctx.regions.enabled);
      break;
    } catch (err) {
      const e = toCollectError(err);
      if (e.code === NOT_ENABLED) {
        notEnabled.add(region);
        if (selected.has(region)) issues.push({ accountId, region, code: e.code, message: `Security Hub is not enabled: ${e.message}` });
        continue;
      }
      // Each region is then pulled with a Region filter, so an unseen aggregation cannot double findings.
      issues.push({ accountId, region, code: e.code, message: `could not read the cross-region aggregation (${e.message}); pulling every region on its own` });
      break;
    }
  }

  const queries: Query[] = [];
  let separate = ctx.regions.selected.filter((r) => !notEnabled.has(r));
  if (aggregation) {
    const group = [aggregation.region, ...aggregation.linked];
    const wanted = group.filter((r) => selected.has(r));
    const covers = wanted.filter((r) => !notEnabled.has(r));
    if (wanted.length === group.length) queries.push({ region: aggregation.region, covers });
    else for (const chunk of chunks(covers, MAX_FILTER_VALUES)) queries.push({ region: aggregation.region, covers: chunk, regionFilter: chunk });
    separate = separate.filter((r) => !group.includes(r));
  }
  for (const region of separate) queries.push({ region, covers: [region], regionFilter: [region] });

  const covered: string[] = [];
  async function* run(q: Query): AsyncGenerator<PullBatch<'securityhub'>, void> {
    const Filters = findingFilters(o, source.onlyAccount, q.regionFilter);
    try {
      for await (const page of paginateGetFindings({ client: client(q.region), pageSize: 100 }, { Filters })) {
        const documents = (page.Findings ?? []).map((f) => wireDocument(AwsSecurityFinding$, f));
        if (documents.length) yield { origin: 'securityhub', accountId, region: q.region, documents };
      }
      covered.push(...q.covers);
    } catch (err) {
      const e = toCollectError(err);
      const what = e.code === NOT_ENABLED ? 'Security Hub is not enabled' : 'GetFindings failed';
      const aggregated = q.covers.filter((r) => r !== q.region);
      const lost = aggregated.length ? `; findings aggregated there from ${aggregated.join(', ')} were not pulled either` : '';
      issues.push({ accountId, region: q.region, code: e.code, message: `${what}: ${e.message}${lost}` });
    }
  }
  yield* mergeGenerators(
    queries.map((q) => () => run(q)),
    queries.length,
  );
  return covered;
}
