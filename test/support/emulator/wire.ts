import type { QueryBag } from './serde/rest.ts';

/** A request as both front ends hand it to the core: lower-case header names, decoded query. */
export interface RawRequest {
  method: string;
  /** URL path without the query string, still percent-encoded. */
  path: string;
  query: QueryBag;
  headers: Readonly<Record<string, string>>;
  body: string;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Groups `URLSearchParams` values by key. */
export function queryBag(params: URLSearchParams): QueryBag {
  const bag = new Map<string, string[]>();
  for (const [k, v] of params) bag.set(k, [...(bag.get(k) ?? []), v]);
  return bag;
}
