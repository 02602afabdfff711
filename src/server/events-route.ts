import type { Env, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { parseEvents } from '../hub/events.ts';
import type { Store } from '../store/index.ts';
import { sameKey } from './api-key.ts';

/** EventBridge caps an event at 256 KB; a batch of them from a forwarder stays well under this. */
const MAX_BODY_BYTES = 6 * 1024 * 1024;

export interface EventsConfig {
  /** The API key EventBridge's connection sends; unset disables the endpoint. */
  apiKey: string | undefined;
  /** Header that carries it (the connection's API key name). */
  header: string;
}

export interface EventsResponse {
  accepted: number;
  findings: number;
  rejected: { index: number; reason: string }[];
}

/**
 * POST /events: EventBridge events (one, or an array), as an API destination delivers them. Valid
 * events are stored; invalid ones are rejected with their reason and never stored. The answer is
 * 200 when every event was taken, 400 when any was rejected (EventBridge does not retry a 4xx, and
 * retrying a malformed event would not fix it). A redelivered event changes nothing.
 */
export function mountEvents<E extends Env>(app: Hono<E>, store: Store, config: EventsConfig, now: () => Date, onStored: () => void): void {
  app.post(
    '/events',
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: `request body larger than ${MAX_BODY_BYTES} bytes` }, 413) }),
    async (c) => {
      if (!config.apiKey) return c.json({ error: 'the events endpoint is not configured: set RAMPART_EVENTS_API_KEY' }, 503);
      if (!sameKey(c.req.header(config.header), config.apiKey)) {
        return c.json({ error: `missing or wrong API key in header ${config.header}` }, 401);
      }
      let body: unknown;
      try {
        body = JSON.parse(await c.req.text());
      } catch (err) {
        return c.json({ error: `body is not JSON: ${(err as Error).message}` }, 400);
      }
      const { results } = parseEvents(body);
      const findings = results.flatMap((r) => (r.ok ? r.findings : []));
      const rejected = results.flatMap((r) => (r.ok ? [] : [{ index: r.index, reason: r.reason }]));
      if (findings.length > 0) {
        await store.recordDelivery({ source: 'eventbridge', actor: 'EventBridge (POST /events)', at: now(), findings });
        onStored();
      }
      const answer: EventsResponse = { accepted: results.length - rejected.length, findings: findings.length, rejected };
      return c.json(answer, rejected.length > 0 ? 400 : 200);
    },
  );
}
