import { readdir } from 'node:fs/promises';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Check } from './types.ts';

const here = dirname(fileURLToPath(import.meta.url));
/** Folders under checks/ that hold helpers, not checks. */
const NOT_CHECKS = new Set(['lib']);

let cache: Promise<Map<string, Check>> | undefined;

async function discover(): Promise<Map<string, Check>> {
  const byId = new Map<string, Check>();
  const entries = await readdir(here, { withFileTypes: true });
  const folders = entries.filter((e) => e.isDirectory() && !NOT_CHECKS.has(e.name)).map((e) => e.name).sort();
  for (const folder of folders) {
    const files = (await readdir(join(here, folder))).filter((f) => ['.ts', '.js'].includes(extname(f)) && !f.endsWith('.d.ts')).sort();
    for (const file of files) {
      const mod = (await import(pathToFileURL(join(here, folder, file)).href)) as { default?: Check };
      const check = mod.default;
      if (!check || typeof check.id !== 'string') throw new Error(`checks/${folder}/${file} has no default-exported check`);
      if (`${check.id}${extname(file)}` !== file) throw new Error(`checks/${folder}/${file} exports check ${check.id}; the file must be named after its check`);
      if (byId.has(check.id)) throw new Error(`duplicate check id ${check.id}`);
      byId.set(check.id, check);
    }
  }
  return byId;
}

/** Every check, found by convention: one default-exported check per file under checks/<service>/. */
export function loadChecks(): Promise<Map<string, Check>> {
  cache ??= discover();
  return cache;
}
