// Parser for CloudWatch Logs JSON filter patterns (`{ ($.a = "x") && ($.b != y) }`) and a normal form
// that lets two patterns be compared regardless of quoting, whitespace, parentheses and clause order.

export const OPERATORS = ['=', '!=', '<', '>', '<=', '>=', 'NOT EXISTS', 'IS NULL', 'IS TRUE', 'IS FALSE'] as const;
export type Operator = (typeof OPERATORS)[number];

/** One comparison. `value` is the text with quotes removed; absent for the unary operators. */
export interface Clause {
  selector: string;
  op: Operator;
  value?: string;
}

/** A flattened, deduplicated and sorted boolean tree. */
export type Expr = { kind: 'clause'; clause: Clause } | { kind: 'and' | 'or'; items: Expr[] };

export interface FilterPattern {
  expr: Expr;
  /**
   * Minimal disjunctive normal form: alternatives, each a sorted set of clause keys, with duplicate
   * and absorbed alternatives removed. Two patterns are equivalent iff their DNFs are identical.
   */
  dnf: string[][];
}

export type ParseResult = ({ ok: true } & FilterPattern) | { ok: false; error: string };

/** AWS caps filter patterns at 1,024 characters; this only guards against pathological input. */
const MAX_DNF_TERMS = 4096;
const MAX_DEPTH = 100;

const UNARY: readonly { re: RegExp; op: Operator }[] = [
  { re: /^NOT\s+EXISTS\b/i, op: 'NOT EXISTS' },
  { re: /^IS\s+NULL\b/i, op: 'IS NULL' },
  { re: /^IS\s+TRUE\b/i, op: 'IS TRUE' },
  { re: /^IS\s+FALSE\b/i, op: 'IS FALSE' },
];
// Longest first so that `!=` is not read as `!` and `<=` not as `<`.
const BINARY: readonly Operator[] = ['!=', '<=', '>=', '=', '<', '>'];
const SELECTOR = /^\$[.[][^\s=!<>()&|{}"]+/;
// A value cannot start with an operator character, so `==` is an error rather than the value `=`.
const UNQUOTED_VALUE = /^[^\s()&|{}"=!<>][^\s()&|{}"]*/;

class ParseError extends Error {}

export function clauseKey(c: Clause): string {
  return c.value === undefined ? `${c.selector} ${c.op}` : `${c.selector} ${c.op} ${JSON.stringify(c.value)}`;
}

function exprKey(e: Expr): string {
  return e.kind === 'clause' ? clauseKey(e.clause) : `${e.kind}(${e.items.map(exprKey).join(', ')})`;
}

/** Flattens nested and/or of the same kind, drops duplicates and sorts, so equal trees print equally. */
function normalise(e: Expr): Expr {
  if (e.kind === 'clause') return e;
  const byKey = new Map<string, Expr>();
  for (const item of e.items.map(normalise)) {
    for (const part of item.kind === e.kind ? item.items : [item]) byKey.set(exprKey(part), part);
  }
  const items = [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
  return items.length === 1 ? items[0]! : { kind: e.kind, items };
}

function minimise(terms: string[][]): string[][] {
  const unique = new Map<string, string[]>();
  for (const t of terms) unique.set(t.join('\n'), t);
  const sets = [...unique.values()].sort((a, b) => a.length - b.length);
  const kept: string[][] = [];
  for (const t of sets) {
    // Absorption: A || (A && B) is A.
    if (!kept.some((k) => isSubset(k, t))) kept.push(t);
  }
  return kept.sort((a, b) => {
    const x = a.join('\n');
    const y = b.join('\n');
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

function toDnf(e: Expr): string[][] {
  if (e.kind === 'clause') return [[clauseKey(e.clause)]];
  if (e.kind === 'or') return minimise(e.items.flatMap(toDnf));
  let acc: string[][] = [[]];
  for (const item of e.items) {
    const rights = toDnf(item);
    const next: string[][] = [];
    for (const left of acc) {
      for (const right of rights) {
        next.push([...new Set([...left, ...right])].sort());
        if (next.length > MAX_DNF_TERMS) throw new ParseError('pattern is too complex to normalise');
      }
    }
    acc = minimise(next);
  }
  return acc;
}

function isSubset(small: readonly string[], big: readonly string[]): boolean {
  return small.every((k) => big.includes(k));
}

function describe(text: string, pos: number): string {
  return pos >= text.length ? 'end of pattern' : `\`${text.slice(pos, pos + 12)}\` at offset ${pos}`;
}

function parse(text: string): Expr {
  let pos = 0;
  const skipWs = () => {
    while (pos < text.length && /\s/.test(text[pos]!)) pos++;
  };
  const rest = () => text.slice(pos);

  const quoted = (): string => {
    const start = pos;
    pos++;
    let out = '';
    while (pos < text.length && text[pos] !== '"') {
      if (text[pos] === '\\' && pos + 1 < text.length) pos++;
      out += text[pos];
      pos++;
    }
    if (pos >= text.length) throw new ParseError(`unterminated quoted value starting at offset ${start}`);
    pos++;
    return out;
  };

  const value = (selector: string, op: Operator): string => {
    skipWs();
    if (text[pos] === '"') return quoted();
    if (text[pos] === '%') {
      // A regular expression value (`%ab|c%`) may contain characters that end an unquoted value.
      const end = text.indexOf('%', pos + 1);
      if (end < 0) throw new ParseError(`unterminated regular expression starting at offset ${pos}`);
      const v = text.slice(pos, end + 1);
      pos = end + 1;
      return v;
    }
    const m = UNQUOTED_VALUE.exec(rest());
    if (!m) throw new ParseError(`missing value after \`${selector} ${op}\` (found ${describe(text, pos)})`);
    pos += m[0].length;
    return m[0];
  };

  const clause = (): Expr => {
    const sel = SELECTOR.exec(rest());
    if (!sel) throw new ParseError(`expected a selector such as \`$.eventName\`, found ${describe(text, pos)}`);
    const selector = sel[0];
    pos += selector.length;
    skipWs();
    for (const u of UNARY) {
      const m = u.re.exec(rest());
      if (m) {
        pos += m[0].length;
        return { kind: 'clause', clause: { selector, op: u.op } };
      }
    }
    const op = BINARY.find((o) => text.startsWith(o, pos));
    if (!op) throw new ParseError(`missing operator after \`${selector}\` (found ${describe(text, pos)})`);
    pos += op.length;
    return { kind: 'clause', clause: { selector, op, value: value(selector, op) } };
  };

  const primary = (depth: number): Expr => {
    skipWs();
    if (text[pos] === '(') {
      const open = pos;
      pos++;
      const e = or(depth + 1);
      skipWs();
      if (text[pos] !== ')') throw new ParseError(`unbalanced parentheses: \`(\` at offset ${open} is not closed (found ${describe(text, pos)})`);
      pos++;
      return e;
    }
    if (text[pos] === '$') return clause();
    throw new ParseError(`expected \`(\` or a selector, found ${describe(text, pos)}`);
  };

  const chain = (kind: 'and' | 'or', token: string, operand: () => Expr): Expr => {
    const items = [operand()];
    for (;;) {
      skipWs();
      if (!text.startsWith(token, pos)) break;
      pos += token.length;
      items.push(operand());
    }
    return items.length === 1 ? items[0]! : { kind, items };
  };

  // && binds tighter than ||, as in CloudWatch Logs.
  const and = (depth: number): Expr => chain('and', '&&', () => primary(depth));
  const or = (depth: number): Expr => {
    if (depth > MAX_DEPTH) throw new ParseError('pattern is nested too deeply');
    return chain('or', '||', () => and(depth));
  };

  skipWs();
  if (text[pos] !== '{') throw new ParseError('not a JSON filter pattern: it must be enclosed in `{ }`');
  pos++;
  skipWs();
  if (text[pos] === '}') throw new ParseError('empty JSON filter pattern');
  const e = or(0);
  skipWs();
  if (text[pos] === ')') throw new ParseError(`unbalanced parentheses: unexpected \`)\` at offset ${pos}`);
  if (text[pos] !== '}') throw new ParseError(`expected \`&&\`, \`||\` or \`}\`, found ${describe(text, pos)}`);
  pos++;
  skipWs();
  if (pos < text.length) throw new ParseError(`unexpected text after the closing \`}\`: ${describe(text, pos)}`);
  return e;
}

/** Parses a JSON filter pattern. Malformed input yields `{ ok: false, error }`, never an exception. */
export function parseFilterPattern(text: string): ParseResult {
  try {
    const expr = normalise(parse(text));
    return { ok: true, expr, dnf: toDnf(expr) };
  } catch (err) {
    if (err instanceof ParseError) return { ok: false, error: err.message };
    throw err;
  }
}

/** Same events matched, up to quoting, whitespace, parentheses, order, duplicates and distribution. */
export function equivalent(a: FilterPattern, b: FilterPattern): boolean {
  return a.dnf.length === b.dnf.length && a.dnf.every((t, i) => t.join('\n') === b.dnf[i]!.join('\n'));
}

/**
 * The filter matches at least every event the required pattern matches (treating clauses as
 * independent conditions): each alternative of `required` implies some alternative of `filter`.
 * Extra OR-ed alternatives keep coverage; an extra AND-ed clause narrows the filter and loses it.
 */
export function covers(filter: FilterPattern, required: FilterPattern): boolean {
  return required.dnf.every((r) => filter.dnf.some((f) => isSubset(f, r)));
}
