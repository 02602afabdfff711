import { z } from 'zod';
import type { Finding } from '../findings/model.ts';
import { normalizeAsff } from './asff.ts';
import { normalizeGuardDuty } from './guardduty-finding.ts';
import { normalizeOcsf } from './ocsf-finding.ts';
import { accountId, isoDateTime, issueReason, quote, type Normalized } from './schema.ts';

export type EventResult =
  | { index: number; ok: true; findings: Finding[]; eventId: string }
  | { index: number; ok: false; reason: string };

const envelopeSchema = z.object({
  version: z.string(),
  id: z.string().min(1),
  'detail-type': z.string().min(1),
  source: z.string().min(1),
  account: accountId,
  time: isoDateTime,
  region: z.string().min(1),
  resources: z.array(z.string()),
  detail: z.looseObject({}),
});

interface Kind {
  source: string;
  /** Security Hub wraps its findings in `detail.findings`; GuardDuty's detail is the finding. */
  list: boolean;
  normalize: (doc: unknown, ctx: { origin: 'eventbridge' }) => Normalized;
}

const KINDS: Record<string, Kind> = {
  'Security Hub Findings - Imported': { source: 'aws.securityhub', list: true, normalize: normalizeAsff },
  'Findings Imported V2': { source: 'aws.securityhub', list: true, normalize: normalizeOcsf },
  'GuardDuty Finding': { source: 'aws.guardduty', list: false, normalize: normalizeGuardDuty },
};
const SUPPORTED = Object.keys(KINDS).map(quote).join(', ');
const ctx = { origin: 'eventbridge' as const };

/**
 * EventBridge events (one, or an array as a batch) as findings, one result per event. Pure: the
 * HTTP endpoint and the Lambda handler decide what to store and what to answer.
 */
export function parseEvents(body: unknown): { results: EventResult[] } {
  const events = Array.isArray(body) ? body : [body];
  return { results: events.map((event, index) => parseEvent(event, index)) };
}

function parseEvent(event: unknown, index: number): EventResult {
  const parsed = envelopeSchema.safeParse(event, { reportInput: true });
  if (!parsed.success) return { index, ok: false, reason: issueReason(parsed.error, 'event') };
  const e = parsed.data;
  const detailType = e['detail-type'];
  const kind = Object.hasOwn(KINDS, detailType) ? KINDS[detailType]! : undefined;
  if (!kind) return { index, ok: false, reason: `detail-type ${quote(detailType)} is not supported (supported: ${SUPPORTED})` };
  if (e.source !== kind.source) {
    return { index, ok: false, reason: `detail-type ${quote(detailType)} comes from source ${kind.source}, not ${quote(e.source)}` };
  }
  if (!kind.list) {
    const r = kind.normalize(e.detail, ctx);
    return r.ok ? { index, ok: true, findings: [r.finding], eventId: e.id } : { index, ok: false, reason: `detail: ${r.reason}` };
  }
  const docs = e.detail.findings;
  if (!Array.isArray(docs) || docs.length === 0) {
    const problem = docs === undefined ? 'is missing' : Array.isArray(docs) ? 'is empty' : 'must be an array';
    return { index, ok: false, reason: `detail.findings ${problem}` };
  }
  const findings: Finding[] = [];
  for (const [i, doc] of docs.entries()) {
    const r = kind.normalize(doc, ctx);
    // One event is stored or refused whole, so that a retry never half-applies it.
    if (!r.ok) return { index, ok: false, reason: `detail.findings[${i}]: ${r.reason}` };
    findings.push(r.finding);
  }
  return { index, ok: true, findings, eventId: e.id };
}
