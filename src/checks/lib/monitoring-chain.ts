// The CIS monitoring chain (benchmark §2.1): a multi-region trail logging all management events →
// its CloudWatch Logs log group → a metric filter with the CIS pattern → an alarm on the filter's
// metric → an SNS topic with a confirmed subscription. One complete chain passes the account.
import { logGroupName, parseArn } from '../../collect/arn.ts';
import type { Collected, DatasetKey, MonitoringChain } from '../../collect/inventory.ts';
import { GLOBAL_REGION } from '../../findings/model.ts';
import { DataUnavailable, type CheckContext, type CheckOptions, type CheckResult } from '../types.ts';
import type { MonitoringTopic, PatternVariant } from './cis-patterns.ts';
import { covers, equivalent, parseFilterPattern, type FilterPattern } from './filter-pattern.ts';
import { accountTrails, assessTrail, listingError, MANAGEMENT_TRAIL, ownerLabel, type Trail } from './trails.ts';

export const MONITORING_READS: readonly DatasetKey[] = ['cloudtrail.trails', 'cloudtrail.trailDetails', 'monitoring.chain'];

type Data<K extends keyof MonitoringChain> = MonitoringChain[K][string] extends Collected<infer T> ? T : never;
type MetricFilter = Data<'metricFilters'>[number];
type Alarm = Data<'alarms'>[number];

export interface LogGroupRef {
  region: string;
  account: string;
  name: string;
}

/** `arn:<partition>:logs:<region>:<account>:log-group:<name>[:*]`; log group names cannot contain `:`. */
export function parseLogGroupArn(text: string): LogGroupRef | undefined {
  const arn = parseArn(text);
  const name = arn && arn.service === 'logs' ? logGroupName(arn) : undefined;
  if (!arn || !name || !arn.region || !arn.account) return undefined;
  return { region: arn.region, account: arn.account, name };
}

const parsedVariants = new Map<PatternVariant, FilterPattern>();

function variantPattern(v: PatternVariant): FilterPattern {
  let p = parsedVariants.get(v);
  if (!p) {
    const r = parseFilterPattern(v.pattern);
    if (!r.ok) throw new Error(`the ${v.source} pattern does not parse: ${r.error}`);
    p = r;
    parsedVariants.set(v, p);
  }
  return p;
}

/**
 * The published variants a filter pattern satisfies: strict = equivalent to the variant, lenient =
 * matches at least what the variant matches.
 */
export function matchingVariants(
  filterPattern: string,
  topic: MonitoringTopic,
  mode: CheckOptions['metricFilterMode'],
): { ok: true; variants: PatternVariant[] } | { ok: false; error: string } {
  const parsed = parseFilterPattern(filterPattern);
  if (!parsed.ok) return parsed;
  const test = mode === 'strict' ? equivalent : covers;
  return { ok: true, variants: topic.variants.filter((v) => test(parsed, variantPattern(v))) };
}

function watches(alarm: Alarm, name: string, namespace: string): boolean {
  if (alarm.MetricName === name && alarm.Namespace === namespace) return true;
  return (alarm.Metrics ?? []).some((q) => q.MetricStat?.Metric?.MetricName === name && q.MetricStat.Metric.Namespace === namespace);
}

const SNS_TOPIC = /^arn:[^:]+:sns:/;

interface ChainError {
  code: string;
  reason: string;
}

interface Pass {
  reason: string;
  evidence: Record<string, unknown>;
}

/**
 * Walks every path of one trail, remembering the deepest broken link, every unreadable one and every
 * chain that continues in another account (judged there).
 */
class Walk {
  best: { depth: number; reason: string } | undefined;
  readonly errors: ChainError[] = [];
  readonly elsewhere: string[] = [];

  fail(depth: number, reason: string): undefined {
    if (!this.best || depth > this.best.depth) this.best = { depth, reason };
    return undefined;
  }

  error(code: string, reason: string): undefined {
    this.errors.push({ code, reason });
    return undefined;
  }

  /** An entry of a keyed dataset, or undefined after recording why it is unreadable. */
  lookup<T>(rec: Record<string, Collected<T>>, key: string, what: string): T | undefined {
    const c = rec[key];
    if (!c) return this.error('NotCollected', `${what} were not collected`);
    if (!c.ok) return this.error(c.error.code, `${what} could not be collected: ${c.error.code}: ${c.error.message}`);
    return c.data;
  }
}

function loadChain(ctx: CheckContext, walk: Walk): MonitoringChain | undefined {
  try {
    return ctx.global('monitoring.chain');
  } catch (err) {
    if (err instanceof DataUnavailable) return walk.error(err.error.code, err.message);
    throw err;
  }
}

function followAlarm(alarm: Alarm, chain: MonitoringChain, walk: Walk): { topic: string; confirmed: number } | undefined {
  const name = alarm.AlarmName ?? '(unnamed)';
  const missing = (why: string) => walk.fail(4, `alarm \`${name}\` has no SNS topic with a confirmed subscription (${why})`);
  if (alarm.ActionsEnabled === false) return missing('its actions are disabled');
  const topics = (alarm.AlarmActions ?? []).filter((a) => SNS_TOPIC.test(a));
  if (topics.length === 0) return missing('no SNS topic among its alarm actions');
  const notes: string[] = [];
  for (const topic of topics) {
    const subs = walk.lookup(chain.topicSubscriptions, topic, `subscriptions of SNS topic \`${topic}\``);
    if (!subs) continue;
    const confirmed = subs.filter((s) => s.SubscriptionArn?.startsWith('arn:')).length;
    if (confirmed > 0) return { topic, confirmed };
    notes.push(
      subs.length === 0
        ? `topic \`${topic}\` has no subscriptions`
        : `topic \`${topic}\` has ${subs.length} unconfirmed subscription${subs.length === 1 ? '' : 's'}`,
    );
  }
  if (notes.length > 0) missing(notes.join('; '));
  return undefined;
}

interface TrailLogGroup extends LogGroupRef {
  arn: string;
}

/** The trail's log group when it is in this account; records why the chain stops here otherwise. */
function ownLogGroup(ctx: CheckContext, t: Trail, walk: Walk): TrailLogGroup | undefined {
  const arn = t.trail.CloudWatchLogsLogGroupArn;
  if (!arn) return walk.fail(1, `${t.label} has no CloudWatch Logs log group`);
  const group = parseLogGroupArn(arn);
  if (!group) return walk.fail(1, `${t.label} has an invalid CloudWatch Logs log group ARN \`${arn}\``);
  if (group.account !== ctx.accountId) {
    const trail = t.ownedElsewhere ? ownerLabel(t) : t.label;
    walk.elsewhere.push(`${trail} delivers to log group \`${group.name}\` in account ${group.account}`);
    return undefined;
  }
  return { ...group, arn };
}

function followTrail(
  ctx: CheckContext,
  t: Trail,
  group: TrailLogGroup,
  topic: MonitoringTopic,
  walk: Walk,
  chain: () => MonitoringChain | undefined,
): Pass | undefined {
  const groupArn = group.arn;
  const data = chain();
  if (!data) return undefined;
  const filters = walk.lookup(data.metricFilters, groupArn, `metric filters of log group \`${group.name}\``);
  if (!filters) return undefined;

  const mode = ctx.options.metricFilterMode;
  const unreadable: string[] = [];
  const matched: { filter: MetricFilter; variants: PatternVariant[] }[] = [];
  for (const filter of filters) {
    const pattern = filter.filterPattern ?? '';
    const m = matchingVariants(pattern, topic, mode);
    // Term patterns (no braces) are valid CloudWatch syntax for other purposes; only a JSON pattern
    // that fails to parse might be a CIS filter gone wrong, so only that is worth naming.
    if (!m.ok) {
      if (pattern.trimStart().startsWith('{')) unreadable.push(`metric filter \`${filter.filterName}\` has an unreadable pattern: ${m.error}`);
    } else if (m.variants.length > 0) matched.push({ filter, variants: m.variants });
  }
  if (matched.length === 0) {
    const base = `no metric filter on log group \`${group.name}\` matches the CIS pattern for ${topic.subject}`;
    return walk.fail(2, unreadable.length > 0 ? `${base} (${unreadable.join('; ')})` : base);
  }

  const alarms = walk.lookup(data.alarms, group.region, `CloudWatch alarms in ${group.region}`);
  if (!alarms) return undefined;
  for (const { filter, variants } of matched) {
    for (const m of filter.metricTransformations ?? []) {
      const metric = `${m.metricNamespace}/${m.metricName}`;
      const watching = alarms.filter((a) => watches(a, m.metricName ?? '', m.metricNamespace ?? ''));
      if (watching.length === 0) {
        walk.fail(3, `no alarm on metric \`${metric}\` (from metric filter \`${filter.filterName}\` on log group \`${group.name}\`)`);
        continue;
      }
      for (const alarm of watching) {
        const end = followAlarm(alarm, data, walk);
        if (!end) continue;
        const matchedSources = variants.map((v) => v.source);
        return {
          reason:
            `${t.label} → log group \`${group.name}\` → metric filter \`${filter.filterName}\` ` +
            `(matches ${matchedSources.join('; ')}) → alarm \`${alarm.AlarmName}\` on \`${metric}\` → ` +
            `SNS topic \`${end.topic}\` with ${end.confirmed} confirmed subscription${end.confirmed === 1 ? '' : 's'}`,
          evidence: {
            trail: t.arn,
            logGroup: groupArn,
            metricFilter: filter.filterName,
            matchedVariants: matchedSources,
            metric,
            alarm: alarm.AlarmArn ?? alarm.AlarmName,
            topic: end.topic,
            metricFilterMode: mode,
          },
        };
      }
    }
  }
  return undefined;
}

/**
 * Judges one monitoring topic: PASS if any qualifying trail completes the chain; otherwise ERROR when
 * some link could not be read (it might have completed the chain), else FAIL naming the first
 * missing link of the longest chain.
 */
export function evaluateMonitoringChain(ctx: CheckContext, topic: MonitoringTopic): CheckResult[] {
  const result = (status: CheckResult['status'], reason: string, extra: Partial<CheckResult> = {}): CheckResult[] => [
    { status, region: GLOBAL_REGION, resourceId: ctx.accountId, resourceType: 'AwsAccount', reason, ...extra },
  ];
  const { trails, failedRegions } = accountTrails(ctx);
  const walk = new Walk();
  for (const f of failedRegions) {
    const { reason, error } = listingError(f);
    walk.error(error.code, reason);
  }
  let chain: MonitoringChain | undefined;
  let chainLoaded = false;
  const getChain = () => {
    if (!chainLoaded) {
      chain = loadChain(ctx, walk);
      chainLoaded = true;
    }
    return chain;
  };

  const trailProblems: string[] = [];
  for (const t of trails) {
    const a = assessTrail(t, MANAGEMENT_TRAIL);
    if (a.status === 'fail') {
      trailProblems.push(a.reason);
      continue;
    }
    // A trail of another account that cannot be read here may still complete the chain where it delivers.
    if (a.status === 'error' && !t.ownedElsewhere) {
      walk.error(a.error.code, a.reason);
      continue;
    }
    const group = ownLogGroup(ctx, t, walk);
    if (!group) continue;
    if (a.status === 'error') {
      walk.error(a.error.code, a.reason);
      continue;
    }
    const pass = followTrail(ctx, t, group, topic, walk, getChain);
    if (pass) return result('PASS', pass.reason, { evidence: pass.evidence });
  }

  const failure =
    walk.best?.reason ??
    `no multi-region trail logging all management events: ${trails.length === 0 ? 'the account has no CloudTrail trail' : trailProblems.join('; ')}`;
  if (walk.errors.length > 0) {
    return result('ERROR', walk.errors.map((e) => e.reason).join('; '), {
      errorCode: walk.errors[0]!.code,
      evidence: { unconfirmedFailure: failure },
    });
  }
  if (walk.elsewhere.length > 0) {
    return result('NOT_APPLICABLE', `${walk.elsewhere.join('; ')}; the monitoring chain is judged there`, {
      evidence: { failureInThisAccount: failure },
    });
  }
  return result('FAIL', failure, { evidence: { metricFilterMode: ctx.options.metricFilterMode } });
}

/** The CLI steps that build the chain for a topic, with the exact CIS pattern. */
export function monitoringRemediation(topic: MonitoringTopic): string {
  const metric = topic.metricName;
  return [
    `On the CloudWatch Logs log group of a multi-region trail that logs all management events, create a metric filter with the CIS pattern (${topic.recommended.source}), an alarm on its metric and an SNS topic with a confirmed subscription:`,
    `aws logs put-metric-filter --log-group-name <trail-log-group> --filter-name ${metric} --metric-transformations metricName=${metric},metricNamespace=CISBenchmark,metricValue=1 --filter-pattern '${topic.recommended.pattern}'`,
    `aws sns create-topic --name <topic-name>`,
    `aws sns subscribe --topic-arn <topic-arn> --protocol email --notification-endpoint <address>  (then confirm the subscription)`,
    `aws cloudwatch put-metric-alarm --alarm-name ${metric} --metric-name ${metric} --namespace CISBenchmark --statistic Sum --period 300 --threshold 1 --comparison-operator GreaterThanOrEqualToThreshold --evaluation-periods 1 --alarm-actions <topic-arn>`,
  ].join('\n');
}
