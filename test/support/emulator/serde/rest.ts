import { NormalizedSchema } from '@smithy/core/schema';
import type { StaticOperationSchema } from '@smithy/types';
import { fromJson, isHttpBound, type JsonNaming } from './json.ts';
import { scalarFromString } from './scalars.ts';

// REST routing and input binding from the operations' `http` traits and the input members'
// httpLabel / httpQuery / httpHeader traits, as the SDK serialized them.

type Segment = { literal: string } | { label: string; greedy: boolean };

export interface Route {
  method: string;
  segments: Segment[];
  /** Literal query keys the URI template requires (`?policy`, `?x-id=ListBuckets`). */
  query: [string, string | undefined][];
}

export type QueryBag = ReadonlyMap<string, readonly string[]>;

export interface RestRequestParts {
  labels: Record<string, string>;
  query: QueryBag;
  headers: Readonly<Record<string, string>>;
  body: string;
}

function labelMembers(input: NormalizedSchema): string[] {
  return [...input.structIterator()].filter(([, m]) => m.getMergedTraits().httpLabel).map(([name]) => name);
}

/**
 * The route of an operation. Labels the template leaves out are bound to leading path segments:
 * S3's model keeps `{Bucket}` in the host, but path-style requests (`forcePathStyle`) carry it first.
 */
export function routeOf(op: StaticOperationSchema): Route {
  const traits = NormalizedSchema.of(op).getMergedTraits();
  const [method, uri] = traits.http ?? ['POST', '/'];
  const [path = '/', queryPart] = uri.split('?');
  const missing = labelMembers(NormalizedSchema.of(op[4])).filter((name) => !path.includes(`{${name}}`) && !path.includes(`{${name}+}`));
  const template = [...missing.map((name) => `{${name}}`), ...path.split('/').filter(Boolean)];
  const segments: Segment[] = template.map((part) => {
    const label = /^\{(\w+)(\+?)\}$/.exec(part);
    return label ? { label: label[1]!, greedy: label[2] === '+' } : { literal: part };
  });
  const query = (queryPart ?? '')
    .split('&')
    .filter(Boolean)
    .map((pair): [string, string | undefined] => {
      const [k, v] = pair.split('=');
      return [k!, v];
    });
  return { method, segments, query };
}

/** The label values when the request matches the route. */
export function matchRoute(route: Route, method: string, path: string, query: QueryBag): Record<string, string> | undefined {
  if (route.method !== method) return undefined;
  for (const [k, v] of route.query) {
    const values = query.get(k);
    if (!values || (v !== undefined && !values.includes(v))) return undefined;
  }
  const parts = path.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  const labels: Record<string, string> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const segment = route.segments[i]!;
    if ('literal' in segment) {
      if (parts[i] !== segment.literal) return undefined;
    } else if (segment.greedy) {
      if (i >= parts.length) return undefined;
      labels[segment.label] = parts.slice(i).join('/');
      return labels;
    } else {
      if (parts[i] === undefined) return undefined;
      labels[segment.label] = parts[i]!;
    }
  }
  return parts.length === route.segments.length ? labels : undefined;
}

/** The operation input from path labels, query, headers and (JSON) body. */
export function readRestInput(input: NormalizedSchema, parts: RestRequestParts, naming: JsonNaming): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!input.isStructSchema()) return out;
  const body = parts.body.trim() ? (JSON.parse(parts.body) as Record<string, unknown>) : {};
  const bodyInput = fromJson(input, body, naming) as Record<string, unknown>;
  for (const [name, member] of input.structIterator()) {
    const t = member.getMergedTraits();
    let raw: string | readonly string[] | undefined;
    if (t.httpLabel) raw = parts.labels[name];
    else if (t.httpQuery) raw = member.isListSchema() ? parts.query.get(t.httpQuery) : parts.query.get(t.httpQuery)?.[0];
    else if (t.httpHeader) raw = parts.headers[t.httpHeader.toLowerCase()];
    else if (!isHttpBound(member) && bodyInput[name] !== undefined) out[name] = bodyInput[name];
    if (raw === undefined) continue;
    out[name] = Array.isArray(raw)
      ? raw.map((r) => scalarFromString(member.getValueSchema(), r))
      : scalarFromString(member, raw as string);
  }
  return out;
}
