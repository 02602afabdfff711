import type { CallRecord } from './world.ts';

type Selector = Partial<Pick<CallRecord, 'accountId' | 'region' | 'service' | 'operation' | 'errorCode'>>;

function matches(record: CallRecord, selector: Selector): boolean {
  return Object.entries(selector).every(([k, v]) => v === undefined || record[k as keyof CallRecord] === v);
}

/** Every request the emulator answered, in arrival order. */
export class CallLog {
  readonly entries: CallRecord[] = [];

  add(record: CallRecord): void {
    this.entries.push(record);
  }

  count(selector: Selector = {}): number {
    return this.entries.filter((r) => matches(r, selector)).length;
  }

  /** Calls per `service:Operation`. */
  counts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.entries) out[`${r.service}:${r.operation}`] = (out[`${r.service}:${r.operation}`] ?? 0) + 1;
    return out;
  }

  /** Successful calls made again with the same account, region, service, operation and input. */
  repeated(): CallRecord[] {
    const seen = new Set<string>();
    const out: CallRecord[] = [];
    for (const r of this.entries) {
      if (r.status >= 300) continue;
      const key = JSON.stringify([r.accountId, r.region, r.service, r.operation, r.input]);
      if (seen.has(key)) out.push(r);
      seen.add(key);
    }
    return out;
  }

  clear(): void {
    this.entries.length = 0;
  }
}
