import type { NormalizedSchema } from '@smithy/core/schema';
import { scalarFromString } from './scalars.ts';

// Reads awsQuery / ec2Query form parameters (`Filter.1.Value.2=x`, `Users.member.1=y`) back into an
// input object with SDK member names, following the key rules of the SDK's QueryShapeSerializer.

export interface QueryDialect {
  ec2: boolean;
}

type Params = ReadonlyMap<string, string>;

function present(params: Params, key: string): boolean {
  if (params.has(key)) return true;
  const prefix = `${key}.`;
  for (const k of params.keys()) if (k.startsWith(prefix)) return true;
  return false;
}

function structKey(name: string, member: NormalizedSchema, dialect: QueryDialect): string {
  const traits = member.getMergedTraits();
  if (dialect.ec2) {
    if (typeof traits.ec2QueryName === 'string') return traits.ec2QueryName;
    const key = traits.xmlName ?? name;
    return key[0]!.toUpperCase() + key.slice(1);
  }
  return traits.xmlName ?? name;
}

function itemKey(member: NormalizedSchema, fallback: string, dialect: QueryDialect): string {
  const traits = member.getMergedTraits();
  if (dialect.ec2 && typeof traits.ec2QueryName === 'string') return traits.ec2QueryName;
  return traits.xmlName ?? fallback;
}

export function readQuery(ns: NormalizedSchema, params: Params, dialect: QueryDialect, key = ''): unknown {
  const at = (suffix: string) => (key ? `${key}.${suffix}` : suffix);
  if (ns.isStructSchema()) {
    const out: Record<string, unknown> = {};
    for (const [name, member] of ns.structIterator()) {
      const v = readQuery(member, params, dialect, at(structKey(name, member, dialect)));
      if (v !== undefined) out[name] = v;
    }
    return out;
  }
  if (!present(params, key)) return undefined;
  if (ns.isListSchema()) {
    const itemSchema = ns.getValueSchema();
    const flat = dialect.ec2 || Boolean(ns.getMergedTraits().xmlFlattened);
    const base = flat ? key : `${key}.${itemKey(itemSchema, 'member', dialect)}`;
    const items: unknown[] = [];
    for (let i = 1; present(params, `${base}.${i}`); i++) items.push(readQuery(itemSchema, params, dialect, `${base}.${i}`));
    return items;
  }
  if (ns.isMapSchema()) {
    const base = ns.getMergedTraits().xmlFlattened ? key : `${key}.entry`;
    const keyName = itemKey(ns.getKeySchema(), 'key', dialect);
    const valueName = itemKey(ns.getValueSchema(), 'value', dialect);
    const out: Record<string, unknown> = {};
    for (let i = 1; present(params, `${base}.${i}`); i++) {
      const k = params.get(`${base}.${i}.${keyName}`);
      if (k !== undefined) out[k] = readQuery(ns.getValueSchema(), params, dialect, `${base}.${i}.${valueName}`);
    }
    return out;
  }
  return scalarFromString(ns, params.get(key) ?? '');
}
