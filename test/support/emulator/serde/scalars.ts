import { determineTimestampFormat } from '@smithy/core/protocols';
import type { NormalizedSchema } from '@smithy/core/schema';
import { dateToUtcString, toBase64 } from '@smithy/core/serde';

/** Wire default for timestamps without a `timestampFormat` trait: 5 date-time, 7 epoch-seconds. */
export type TimestampDefault = 5 | 7;

/** A timestamp (ISO string, Date or epoch seconds) in the member's wire format. */
export function wireTimestamp(ns: NormalizedSchema, value: unknown, fallback: TimestampDefault): string | number {
  const date = value instanceof Date ? value : new Date(typeof value === 'number' ? value * 1000 : String(value));
  const format = determineTimestampFormat(ns, {
    timestampFormat: { useTrait: true, default: fallback },
    httpBindings: false,
  });
  if (format === 7) return date.getTime() / 1000;
  if (format === 6) return dateToUtcString(date);
  return date.toISOString().replace('.000Z', 'Z');
}

/** Blob contents as base64: bytes as they are, strings as UTF-8 text. */
export function wireBlob(value: unknown): string {
  return toBase64(value instanceof Uint8Array ? value : Buffer.from(String(value), 'utf8'));
}

/** A scalar read from a query string, header or path label, typed by its schema. */
export function scalarFromString(ns: NormalizedSchema, raw: string): unknown {
  if (ns.isBooleanSchema()) return raw === 'true';
  if (ns.isNumericSchema()) return Number(raw);
  return raw;
}
