import { AwsError } from './aws-error.ts';
import type { Input } from './service.ts';

export function str(input: Input, key: string): string | undefined {
  const v = input[key];
  return typeof v === 'string' ? v : undefined;
}

export function strs(input: Input, key: string): string[] | undefined {
  const v = input[key];
  return Array.isArray(v) ? v.map(String) : undefined;
}

export function num(input: Input, key: string): number | undefined {
  const v = input[key];
  return typeof v === 'number' ? v : undefined;
}

export function bool(input: Input, key: string): boolean | undefined {
  const v = input[key];
  return typeof v === 'boolean' ? v : undefined;
}

/** A required string parameter; missing ones fail as AWS validation does. */
export function required(input: Input, key: string, code = 'ValidationException'): string {
  const v = str(input, key);
  if (v === undefined || v === '') throw new AwsError(code, `1 validation error detected: Value null at '${key}' failed to satisfy constraint: Member must not be null`);
  return v;
}

/** Whether `value` matches any pattern (`*` and `?` as wildcards), as EC2 filters compare. */
export function matchesAny(value: string | undefined, patterns: readonly string[]): boolean {
  if (value === undefined) return false;
  return patterns.some((p) => {
    const re = new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
    return re.test(value);
  });
}
