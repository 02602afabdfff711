// The findings explorer keeps its whole state in the page URL, so any view can be shared by link and the
// API receives exactly what the URL says (a malformed value comes back as the API's own 400 reason).

export const FILTER_KEYS = [
  'source',
  'severity',
  'status',
  'state',
  'account',
  'ou',
  'region',
  'control',
  'resourceType',
  'type',
  'firstSeenFrom',
  'firstSeenTo',
  'q',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Record<FilterKey, string>;

export const GROUP_BY = ['account', 'region', 'control', 'type', 'resource'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export const PAGE_SIZE = 50;

export function filtersOf(params: URLSearchParams): Filters {
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as Filters;
}

function pick(params: URLSearchParams, keys: readonly string[]): URLSearchParams {
  const out = new URLSearchParams();
  for (const k of keys) {
    const v = params.get(k);
    if (v !== null && v !== '') out.set(k, v);
  }
  return out;
}

/** Filters only: what the CSV export is computed over (the API refuses parameters a route does not take). */
export const filterQuery = (params: URLSearchParams): string => pick(params, FILTER_KEYS).toString();

/** One page of the list: the filters plus sorting and paging. */
export const listQuery = (params: URLSearchParams): string =>
  pick(params, [...FILTER_KEYS, 'sort', 'order', 'limit', 'offset']).toString();

export const groupsQuery = (params: URLSearchParams, groupBy: string): string => {
  const q = pick(params, FILTER_KEYS);
  q.set('groupBy', groupBy);
  return q.toString();
};

/** Comma-separated list values, as the API takes them. */
export const listOf = (value: string): string[] =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
