import cis300 from './cis-aws-3.0.0.ts';
import cis140 from './cis-aws-1.4.0.ts';
import type { Framework } from './types.ts';

export const FRAMEWORKS: readonly Framework[] = [cis300, cis140];
export const DEFAULT_FRAMEWORK = cis300.id;

export function frameworkById(id: string): Framework | undefined {
  return FRAMEWORKS.find((f) => f.id === id);
}
