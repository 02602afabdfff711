import type { Requirement } from './types.ts';

const SECTIONS: Record<string, string> = {
  '1': 'Identity and Access Management',
  '2': 'Storage',
  '3': 'Logging',
  '4': 'Monitoring',
  '5': 'Networking',
};

/** Compact requirement row: id, level, title, checks, manual. The section comes from the id. */
export function req(id: string, level: 1 | 2, title: string, checks: string[], manual = false): Requirement {
  const section = SECTIONS[id.split('.')[0] ?? ''];
  if (!section) throw new Error(`no section for requirement ${id}`);
  return { id, level, title, section, checks, ...(manual ? { manual: true } : {}) };
}
