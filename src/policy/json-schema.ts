import { z } from 'zod';
import { policySchema } from './schema.ts';

/**
 * The JSON Schema editors use to validate and complete rampart.yaml (`# yaml-language-server:
 * $schema=...`). Rules the schema language cannot state (known controls, dates in order, channel
 * references) are checked by `rampart policy check`.
 */
export function policyJsonSchema(): object {
  return {
    ...z.toJSONSchema(policySchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }),
    $id: 'https://rampart.dev/schema/rampart.schema.json',
    title: 'Rampart policy (rampart.yaml)',
  };
}
