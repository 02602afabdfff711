import {
  Finding$,
  GetFindingsCommand,
  GuardDutyClient,
  paginateListDetectors,
  paginateListFindings,
  paginateListOrganizationAdminAccounts,
  type Condition,
  type FindingCriteria,
} from '@aws-sdk/client-guardduty';
import { toCollectError } from '../aws/errors.ts';
import type { Severity } from '../findings/model.ts';
import { allItems } from '../collect/pages.ts';
import { mergeGenerators } from './merge.ts';
import { runPull, severityFloor, type PullBatch, type PullOptions, type PullResult, type SourceContext } from './pull.ts';
import { wireDocument } from './wire.ts';

/** ListFindings pages and GetFindings calls both take at most 50 findings. */
const PAGE = 50;

/** Lowest GuardDuty severity of each level (Low 1.0-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0-10.0). */
const SEVERITY_FLOOR: Record<Severity, number> = { informational: 0, low: 1, medium: 4, high: 7, critical: 9 };

/**
 * GuardDuty findings (the API's `Finding` JSON), a batch per ListFindings page. With `--org`, from
 * the GuardDuty delegated administrator when there is one (its detectors list every member's
 * findings), else account by account; in each selected region through its detector.
 */
export function pullGuardDuty(o: PullOptions): AsyncGenerator<PullBatch<'guardduty'>, PullResult> {
  return runPull(o, {
    origin: 'guardduty',
    async findAdmin(session, options) {
      const client = session.factory.client(GuardDutyClient, session.caller.accountId, options.homeRegion);
      for await (const page of paginateListOrganizationAdminAccounts({ client }, {})) {
        const admin = page.AdminAccounts?.find((a) => a.AdminStatus === 'ENABLED' && a.AdminAccountId);
        if (admin) return admin.AdminAccountId;
      }
      return undefined;
    },
    pullSource,
  });
}

function findingCriteria(o: PullOptions, onlyAccount: string | undefined): FindingCriteria {
  const criterion: Record<string, Condition> = {};
  if (onlyAccount) criterion.accountId = { Equals: [onlyAccount] };
  // A full pull asks for what is current; an incremental one also for what was archived since.
  if (o.since) criterion.updatedAt = { GreaterThanOrEqual: o.since.getTime() };
  else criterion['service.archived'] = { Equals: ['false'] };
  const floor = severityFloor(o);
  if (floor) criterion.severity = { GreaterThanOrEqual: SEVERITY_FLOOR[floor] };
  return { Criterion: criterion };
}

async function* pullSource(ctx: SourceContext): AsyncGenerator<PullBatch<'guardduty'>, string[]> {
  const { session, source, options: o, issues } = ctx;
  const accountId = source.accountId;
  const FindingCriteria = findingCriteria(o, source.onlyAccount);
  const covered: string[] = [];

  async function* region(region: string): AsyncGenerator<PullBatch<'guardduty'>, void> {
    const client = session.factory.client(GuardDutyClient, accountId, region);
    try {
      const detectors = await allItems(paginateListDetectors({ client }, {}), (p) => p.DetectorIds);
      if (detectors.length === 0) {
        issues.push({ accountId, region, code: 'GuardDutyNotEnabled', message: 'GuardDuty not enabled: the region has no detector' });
        return;
      }
      for (const DetectorId of detectors) {
        for await (const page of paginateListFindings({ client, pageSize: PAGE }, { DetectorId, FindingCriteria })) {
          const ids = page.FindingIds ?? [];
          if (ids.length === 0) continue;
          const out = await client.send(new GetFindingsCommand({ DetectorId, FindingIds: ids }));
          const documents = (out.Findings ?? []).map((f) => wireDocument(Finding$, f));
          if (documents.length) yield { origin: 'guardduty', accountId, region, documents };
        }
      }
      covered.push(region);
    } catch (err) {
      const e = toCollectError(err);
      issues.push({ accountId, region, code: e.code, message: `GuardDuty findings not pulled: ${e.message}` });
    }
  }

  yield* mergeGenerators(
    ctx.regions.selected.map((r) => () => region(r)),
    ctx.regions.selected.length,
  );
  return covered;
}
