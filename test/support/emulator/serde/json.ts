import type { NormalizedSchema } from '@smithy/core/schema';
import { wireBlob, wireTimestamp } from './scalars.ts';

// JSON bodies of the awsJson (member names) and restJson1 (jsonName) protocols, driven by the SDK's
// schemas; timestamps default to epoch seconds unless the member's timestampFormat says otherwise.

export interface JsonNaming {
  /** restJson1 uses the jsonName trait; awsJson1_0/1_1 use member names. */
  jsonName: boolean;
}

/** Whether a member travels outside the JSON body (path, query, header, status code). */
export function isHttpBound(member: NormalizedSchema): boolean {
  const t = member.getMergedTraits();
  return Boolean(t.httpLabel || t.httpQuery || t.httpHeader || t.httpPrefixHeaders || t.httpQueryParams || t.httpResponseCode);
}

export function memberKey(name: string, member: NormalizedSchema, naming: JsonNaming): string {
  return (naming.jsonName ? member.getMergedTraits().jsonName : undefined) ?? name;
}

/** A value as JSON data for the wire. */
export function toJson(ns: NormalizedSchema, value: unknown, naming: JsonNaming, skipHttpBound = false): unknown {
  if (value === null || value === undefined) return value;
  if (ns.isListSchema()) return (value as unknown[]).map((item) => toJson(ns.getValueSchema(), item, naming));
  if (ns.isMapSchema()) {
    const valueSchema = ns.getValueSchema();
    return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, toJson(valueSchema, v, naming)]));
  }
  if (ns.isStructSchema()) {
    const out: Record<string, unknown> = {};
    const record = value as Record<string, unknown>;
    for (const [name, member] of ns.structIterator()) {
      if (record[name] === undefined || record[name] === null) continue;
      if (skipHttpBound && isHttpBound(member)) continue;
      out[memberKey(name, member, naming)] = toJson(member, record[name], naming);
    }
    return out;
  }
  if (ns.isTimestampSchema()) return wireTimestamp(ns, value, 7);
  if (ns.isBlobSchema()) return wireBlob(value);
  return value;
}

/** A request body (wire JSON) back to SDK member names; only the naming is undone. */
export function fromJson(ns: NormalizedSchema, value: unknown, naming: JsonNaming): unknown {
  if (value === null || value === undefined) return value;
  if (ns.isListSchema() && Array.isArray(value)) return value.map((item) => fromJson(ns.getValueSchema(), item, naming));
  if (ns.isMapSchema() && typeof value === 'object') {
    const valueSchema = ns.getValueSchema();
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromJson(valueSchema, v, naming)]));
  }
  if (ns.isStructSchema() && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    const record = value as Record<string, unknown>;
    for (const [name, member] of ns.structIterator()) {
      const v = record[memberKey(name, member, naming)];
      if (v !== undefined) out[name] = fromJson(member, v, naming);
    }
    return out;
  }
  return value;
}
