// Parsing and matching for IAM identity policies and resource policies (S3 bucket policies, ...).
// AWS accepts single values where lists are allowed, so every list-or-single element is normalised.

/** One statement, with Action/Resource elements always as lists and the raw Principal kept. */
export interface PolicyStatement {
  /** `Sid` when present, otherwise `#<1-based position>`, for naming the statement in reasons. */
  label: string;
  effect: string;
  /** Raw Principal element (`undefined` when absent). */
  principal: unknown;
  notPrincipal: unknown;
  actions: string[];
  notActions: string[];
  resources: string[];
  notResources: string[];
  /** Condition operator → condition key → value(s). */
  condition: Record<string, Record<string, unknown>>;
}

export class PolicyParseError extends Error {}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringList(v: unknown, element: string, label: string): string[] {
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  if (!list.every((x): x is string => typeof x === 'string')) {
    throw new PolicyParseError(`statement ${label}: ${element} must be a string or a list of strings`);
  }
  return list;
}

function conditionBlock(v: unknown, label: string): Record<string, Record<string, unknown>> {
  if (v === undefined) return {};
  if (!isRecord(v) || !Object.values(v).every(isRecord)) {
    throw new PolicyParseError(`statement ${label}: Condition must map operators to key/value objects`);
  }
  return v as Record<string, Record<string, unknown>>;
}

function statement(raw: unknown, index: number): PolicyStatement {
  const position = `#${index + 1}`;
  if (!isRecord(raw)) throw new PolicyParseError(`statement ${position} is not an object`);
  const label = typeof raw.Sid === 'string' && raw.Sid !== '' ? raw.Sid : position;
  if (typeof raw.Effect !== 'string') throw new PolicyParseError(`statement ${label} has no Effect`);
  return {
    label,
    effect: raw.Effect,
    principal: raw.Principal,
    notPrincipal: raw.NotPrincipal,
    actions: stringList(raw.Action, 'Action', label),
    notActions: stringList(raw.NotAction, 'NotAction', label),
    resources: stringList(raw.Resource, 'Resource', label),
    notResources: stringList(raw.NotResource, 'NotResource', label),
    condition: conditionBlock(raw.Condition, label),
  };
}

/** Parses a policy document (JSON text); throws PolicyParseError when it is not a valid policy shape. */
export function parsePolicyDocument(text: string): PolicyStatement[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new PolicyParseError(`policy is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isRecord(doc)) throw new PolicyParseError('policy is not a JSON object');
  const raw = doc.Statement;
  if (raw === undefined) throw new PolicyParseError('policy has no Statement');
  return (Array.isArray(raw) ? raw : [raw]).map(statement);
}

/** True when a Principal element names everyone: `"*"`, `{"AWS": "*"}` or a list containing `"*"`. */
export function isEveryonePrincipal(principal: unknown): boolean {
  const hasStar = (v: unknown) => v === '*' || (Array.isArray(v) && v.includes('*'));
  if (hasStar(principal)) return true;
  return isRecord(principal) && hasStar(principal.AWS);
}

/**
 * End positions j such that the IAM wildcard pattern (`*` any run, `?` one character) matches
 * text[0..j). Dynamic programming over the pattern, so there is no backtracking blow-up.
 */
function matchEnds(pattern: string, text: string, ignoreCase: boolean): Set<number> {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const t = ignoreCase ? text.toLowerCase() : text;
  let ends = new Set<number>([0]);
  for (const c of p) {
    const next = new Set<number>();
    if (c === '*') {
      const from = Math.min(...ends);
      for (let j = from; j <= t.length; j++) next.add(j);
    } else {
      for (const j of ends) if (j < t.length && (c === '?' || t[j] === c)) next.add(j + 1);
    }
    ends = next;
    if (ends.size === 0) break;
  }
  return ends;
}

/** True when the wildcard pattern matches the whole text. */
export function wildcardMatches(pattern: string, text: string, ignoreCase = false): boolean {
  return matchEnds(pattern, text, ignoreCase).has(text.length);
}

/**
 * True when the wildcard pattern matches `prefix` followed by anything at all, e.g. `s3:*` and `*`
 * cover every action starting `s3:`, `arn:aws:s3:::b/*` covers every object of bucket `b`.
 */
export function wildcardCoversPrefix(pattern: string, prefix: string, ignoreCase = false): boolean {
  if (!pattern.endsWith('*')) return false;
  const head = pattern.replace(/\*+$/, '');
  return matchEnds(head, prefix, ignoreCase).size > 0;
}

/** True when one of the Action patterns (case-insensitive) covers every action of the service. */
export function coversAllActionsOf(actions: readonly string[], service: string): boolean {
  return actions.some((a) => wildcardCoversPrefix(a, `${service}:`, true));
}

/**
 * The values a Condition block tests for `operator` and `key` (key case-insensitive, as in IAM),
 * or undefined when the block has no such test.
 */
export function conditionValues(
  condition: Record<string, Record<string, unknown>>,
  operator: string,
  key: string,
): unknown[] | undefined {
  const block = condition[operator];
  if (!block) return undefined;
  const found = Object.entries(block).find(([k]) => k.toLowerCase() === key.toLowerCase());
  if (!found) return undefined;
  return Array.isArray(found[1]) ? found[1] : [found[1]];
}

/** Every `operator key` test in a Condition block, e.g. `Bool aws:SecureTransport`. */
export function conditionTests(condition: Record<string, Record<string, unknown>>): string[] {
  return Object.entries(condition).flatMap(([op, block]) => Object.keys(block).map((k) => `${op} ${k}`));
}
