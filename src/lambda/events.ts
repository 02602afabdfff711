import { parseEvents } from '../hub/events.ts';
import { openStore, type Store } from '../store/index.ts';

let opened: Promise<Store> | undefined;

/** One store per Lambda execution environment, reused across invocations (RAMPART_DB, PostgreSQL). */
function store(): Promise<Store> {
  if (!opened) {
    opened = openStore(process.env.RAMPART_DB);
    // A failed open must not be cached: the next invocation tries again.
    opened.catch(() => (opened = undefined));
  }
  return opened;
}

export interface LambdaResult {
  accepted: number;
  findings: number;
}

/**
 * AWS Lambda target of an EventBridge rule: the same parsing and storing as `POST /events`.
 * A rejected event throws with its reason, so EventBridge's retry and dead-letter queue keep it
 * (with the reason) instead of it vanishing; valid events of the same invocation are stored first.
 */
export async function handler(event: unknown): Promise<LambdaResult> {
  const { results } = parseEvents(event);
  const findings = results.flatMap((r) => (r.ok ? r.findings : []));
  if (findings.length > 0) {
    await (await store()).recordDelivery({ source: 'eventbridge', actor: 'EventBridge (Lambda)', at: new Date(), findings });
  }
  const rejected = results.flatMap((r) => (r.ok ? [] : [`event ${r.index}: ${r.reason}`]));
  if (rejected.length > 0) throw new Error(`rejected ${rejected.length} event(s): ${rejected.join('; ')}`);
  return { accepted: results.length, findings: findings.length };
}
