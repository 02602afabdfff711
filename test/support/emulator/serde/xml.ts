import type { NormalizedSchema } from '@smithy/core/schema';
import { wireBlob, wireTimestamp } from './scalars.ts';

// Writes values as the XML the AWS query, EC2 and REST-XML protocols return, driven by the SDK's own
// schemas (xmlName, xmlFlattened, xmlAttribute, xmlNamespace), so names always match what it parses.

export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function element(name: string, content: string, attributes = ''): string {
  return `<${name}${attributes}>${content}</${name}>`;
}

function namespaceAttribute(ns: NormalizedSchema): string {
  const [prefix, uri] = ns.getMergedTraits().xmlNamespace ?? [];
  if (!uri) return '';
  return ` ${prefix ? `xmlns:${prefix}` : 'xmlns'}="${escapeXml(uri)}"`;
}

function scalarText(ns: NormalizedSchema, value: unknown): string {
  if (ns.isTimestampSchema()) return String(wireTimestamp(ns, value, 5));
  if (ns.isBlobSchema()) return wireBlob(value);
  return escapeXml(String(value));
}

/** The members of a structure as XML children, plus the attributes its xmlAttribute members carry. */
export function structContent(ns: NormalizedSchema, value: Record<string, unknown>): { attributes: string; content: string } {
  let attributes = '';
  let content = '';
  for (const [name, member] of ns.structIterator()) {
    const v = value[name];
    if (v === undefined || v === null) continue;
    const traits = member.getMergedTraits();
    if (traits.xmlAttribute) {
      attributes += ` ${traits.xmlName ?? name}="${scalarText(member, v)}"`;
    } else {
      content += memberXml(member, traits.xmlName ?? name, v);
    }
  }
  return { attributes, content };
}

/** One member (scalar, structure, list or map) as XML under `name`. */
export function memberXml(ns: NormalizedSchema, name: string, value: unknown): string {
  if (ns.isListSchema()) return listXml(ns, name, value as unknown[]);
  if (ns.isMapSchema()) return mapXml(ns, name, value as Record<string, unknown>);
  if (ns.isStructSchema()) {
    const { attributes, content } = structContent(ns, value as Record<string, unknown>);
    return element(name, content, namespaceAttribute(ns) + attributes);
  }
  return element(name, scalarText(ns, value), namespaceAttribute(ns));
}

function listXml(ns: NormalizedSchema, name: string, items: unknown[]): string {
  const itemSchema = ns.getValueSchema();
  const present = items.filter((item) => item !== null && item !== undefined);
  if (ns.getMergedTraits().xmlFlattened) return present.map((item) => memberXml(itemSchema, name, item)).join('');
  const itemName = itemSchema.getMergedTraits().xmlName ?? 'member';
  return element(name, present.map((item) => memberXml(itemSchema, itemName, item)).join(''), namespaceAttribute(ns));
}

function mapXml(ns: NormalizedSchema, name: string, map: Record<string, unknown>): string {
  const keyName = ns.getKeySchema().getMergedTraits().xmlName ?? 'key';
  const valueSchema = ns.getValueSchema();
  const valueName = valueSchema.getMergedTraits().xmlName ?? 'value';
  const entries = Object.entries(map)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => element(keyName, escapeXml(k)) + memberXml(valueSchema, valueName, v));
  if (ns.getMergedTraits().xmlFlattened) return entries.map((entry) => element(name, entry)).join('');
  return element(name, entries.map((entry) => element('entry', entry)).join(''));
}
