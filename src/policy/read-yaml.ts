import { readFile } from 'node:fs/promises';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { z } from 'zod';

/** A policy file that cannot be read or does not validate; the message is one line naming file:line. */
export class PolicyFileError extends Error {
  override name = 'PolicyFileError';
}

export type Path = readonly PropertyKey[];

export interface YamlFile {
  path: string;
  /** The document as plain data (maps are objects, keys strings). */
  data: unknown;
  /** `file:line:col` of the key or item at `path`, or of its nearest ancestor that exists. */
  where(path: Path): string;
}

/** `routes[0].channels[1]`: the way a reader would find it in the file. */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

/**
 * The node a person looks at for `path`: for a map entry its key (the `key:` line), for a sequence
 * item the item; the deepest one that exists when the path goes further than the file does.
 */
function locate(doc: Document, path: Path): Node | undefined {
  let node: unknown = doc.contents;
  let found: Node | undefined = isScalar(node) || isMap(node) || isSeq(node) ? node : undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      if (isScalar(pair.key)) found = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item: unknown = node.items[seg];
      if (!(isScalar(item) || isMap(item) || isSeq(item))) break;
      found = item;
      node = item;
    } else {
      break;
    }
  }
  return found;
}

export async function readYamlFile(path: string): Promise<YamlFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new PolicyFileError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number | undefined): string => {
    if (offset === undefined) return path;
    const { line, col } = lineCounter.linePos(offset);
    return `${path}:${line}:${col}`;
  };
  const parseError = doc.errors[0];
  if (parseError) {
    throw new PolicyFileError(`${at(parseError.pos[0])}: ${parseError.message.split('\n')[0]}`);
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (err) {
    // Alias bombs and the like: `toJS` refuses them.
    throw new PolicyFileError(`${path}: ${(err as Error).message}`);
  }
  return { path, data, where: (p) => at(locate(doc, p)?.range?.[0]) };
}

/**
 * One line per issue, `file:line:col: key.path: message`, for issues of a schema applied to the
 * value at `base` in the file.
 */
export function describeIssues(file: YamlFile, issues: readonly z.core.$ZodIssue[], base: Path = []): string[] {
  return issues.map((issue) => {
    const path = [...base, ...issue.path];
    // An unknown key is best shown at that key, not at the map that holds it.
    const target = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...path, issue.keys[0]] : path;
    return `${file.where(target)}: ${formatPath(path) || '(top level)'}: ${issue.message}`;
  });
}

/**
 * The value of top-level `key`, validated by `schema`; a PolicyFileError with the first issue (and
 * how many more there are) otherwise.
 */
export function parseSection<S extends z.ZodType>(file: YamlFile, key: string, schema: S): z.output<S> | undefined {
  const data = file.data;
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    throw new PolicyFileError(`${file.where([])}: the policy file must be a map of sections (notifications:, owners:, ...)`);
  }
  const value = (data as Record<string, unknown> | null | undefined)?.[key];
  if (value === undefined) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const lines = describeIssues(file, result.error.issues, [key]);
  const more = lines.length > 1 ? ` (and ${lines.length - 1} more)` : '';
  throw new PolicyFileError(`${lines[0]}${more}`);
}
