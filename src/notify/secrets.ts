import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import type { SecretRef } from '../policy/notifications.ts';

/** A secret that cannot be resolved. The message names the variable or key, never a value. */
export class SecretError extends Error {
  override name = 'SecretError';
}

/** Replaces every known secret value (and its URL-encoded form) in text by `***`. */
export class Redactor {
  #values: string[] = [];

  add(value: string): void {
    for (const v of [value, encodeURIComponent(value)]) if (v !== '' && !this.#values.includes(v)) this.#values.push(v);
    // Longest first, so a secret that contains another is removed whole.
    this.#values.sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const v of this.#values) out = out.split(v).join('***');
    return out;
  }
}

export interface SecretSource {
  /** Normally process.env. */
  env: Readonly<Record<string, string | undefined>>;
  /** The secrets file (notifications.secrets_file, resolved against the policy file's folder). */
  file?: string;
}

async function readSecretsFile(path: string): Promise<Map<string, string>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new SecretError(`cannot read secrets file ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  // The parser's own messages can quote the text around an error: only the line is reported.
  const doc = parseDocument(text, { prettyErrors: false });
  const error = doc.errors[0];
  if (error) throw new SecretError(`secrets file ${path} is not valid YAML (line ${error.linePos?.[0].line ?? '?'})`);
  const data: unknown = doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new SecretError(`secrets file ${path} must be a map of key: value`);
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string') throw new SecretError(`secrets file ${path}: the value of ${key} must be a string (quote it)`);
    out.set(key, value);
  }
  return out;
}

/** Shorter path segments (`in`, `hooks`) are not worth hiding and would garble messages. */
const URL_PART_MIN = 8;

/** Resolves secret references once, remembering every value so that it can be redacted. */
export class Secrets {
  readonly redactor = new Redactor();
  readonly #env: SecretSource['env'];
  readonly #file: string | undefined;
  readonly #values: Map<string, string> | undefined;

  private constructor(env: SecretSource['env'], file: string | undefined, values: Map<string, string> | undefined) {
    this.#env = env;
    this.#file = file;
    this.#values = values;
  }

  static async load(source: SecretSource): Promise<Secrets> {
    return new Secrets(source.env, source.file, source.file === undefined ? undefined : await readSecretsFile(source.file));
  }

  /** `where` names the setting, e.g. `channel sec-slack webhook_url`. */
  resolve(ref: SecretRef, where: string): string {
    let value: string | undefined;
    if ('env' in ref) {
      value = this.#env[ref.env];
      if (!value) throw new SecretError(`${where}: environment variable ${ref.env} is not set`);
    } else {
      if (this.#values === undefined) throw new SecretError(`${where}: { secret: ${ref.secret} } needs notifications.secrets_file`);
      value = this.#values.get(ref.secret);
      if (!value) throw new SecretError(`${where}: secrets file ${this.#file} has no ${ref.secret}`);
    }
    this.redactor.add(value);
    return value;
  }

  /** Like `resolve`, for a URL to POST to; the error says where it came from, not what it is. */
  resolveUrl(ref: SecretRef, where: string): string {
    const value = this.resolve(ref, where);
    const from = 'env' in ref ? `environment variable ${ref.env}` : `secret ${ref.secret}`;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new SecretError(`${where}: ${from} is not a URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SecretError(`${where}: ${from} is not an http(s) URL`);
    // The token of a webhook URL is in its path or query, and an error may quote just that part.
    const parts = [`${url.pathname}${url.search}`, ...url.pathname.split('/'), ...url.searchParams.values()];
    for (const part of parts) if (part.length >= URL_PART_MIN) this.redactor.add(decodeURIComponent(part));
    return value;
  }
}
