// Derives the IAM actions a Rampart run can call from the AWS SDK commands and paginators imported
// by the modules it loads, followed from its entry modules through their relative imports.
// `node scripts/scan-actions.ts [scan|import|export]` prints that run's least-privilege policy; tests
// keep policy/rampart-<run>-policy.json equal to it.
import { readFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

/** Each policy: the modules its run starts from, and the statement id. */
export const POLICIES = {
  scan: { entries: ['cli/scan.ts'], sid: 'RampartScanReadOnly' },
  import: { entries: ['hub/securityhub-pull.ts', 'hub/guardduty-pull.ts'], sid: 'RampartImportReadOnly' },
  export: { entries: ['hub/securityhub-export.ts'], sid: 'RampartExportToSecurityHub' },
} as const;
export type PolicyName = keyof typeof POLICIES;

/** SDK client package → IAM service prefix, where they differ. */
const PREFIX: Record<string, string> = {
  accessanalyzer: 'access-analyzer',
  'cloudwatch-logs': 'logs',
  'config-service': 'config',
  efs: 'elasticfilesystem',
  's3-control': 's3',
};

/** SDK operation → IAM action, where the names differ; null = needs no permission. */
const ACTION: Record<string, string | null> = {
  's3:ListBuckets': 's3:ListAllMyBuckets',
  's3:GetPublicAccessBlock': 's3:GetBucketPublicAccessBlock',
  's3-control:GetPublicAccessBlock': 's3:GetAccountPublicAccessBlock',
  'sts:GetCallerIdentity': null,
};

/** Relative modules a file loads at run time, statically or lazily (`import type` loads nothing). */
function localImports(file: string, text: string): string[] {
  const re = /^\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'(\.[^']+)'/gm;
  const lazy = /\bimport\(\s*'(\.[^']+)'\s*\)/g;
  return [
    ...[...text.matchAll(re)].filter((m) => !m[1]).map((m) => m[2]!),
    ...[...text.matchAll(lazy)].map((m) => m[1]!),
  ].map((path) => join(dirname(file), path));
}

function sdkActions(text: string): string[] {
  const actions: string[] = [];
  const importRe = /import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([a-z0-9-]+)'/gs;
  for (const m of text.matchAll(importRe)) {
    const pkg = m[2]!;
    const names = m[1]!.replace(/\/\/[^\n]*/g, '').replace(/\/\*.*?\*\//gs, '');
    for (const raw of names.split(',')) {
      const name = raw.trim().split(/\s+as\s+/)[0]!.trim();
      if (!name || name.startsWith('type ')) continue;
      const op = name.endsWith('Command') ? name.slice(0, -'Command'.length) : name.startsWith('paginate') ? name.slice('paginate'.length) : undefined;
      if (!op) continue;
      const key = `${pkg}:${op}`;
      const action = key in ACTION ? ACTION[key] : `${PREFIX[pkg] ?? pkg}:${op}`;
      if (action) actions.push(action);
    }
  }
  return actions;
}

/** The source files a policy's run loads, relative to src/. */
export async function policyModules(name: PolicyName): Promise<string[]> {
  const seen = new Set<string>();
  const queue = POLICIES[name].entries.map((e) => join(SRC, e));
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...localImports(file, await readFile(file, 'utf8')));
  }
  return [...seen].map((f) => relative(SRC, f)).sort();
}

export async function policyActions(name: PolicyName): Promise<string[]> {
  const actions = new Set<string>();
  for (const file of await policyModules(name)) for (const a of sdkActions(await readFile(join(SRC, file), 'utf8'))) actions.add(a);
  return [...actions].sort();
}

export function policyDocument(name: PolicyName, actions: string[]): object {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: POLICIES[name].sid, Effect: 'Allow', Action: actions, Resource: '*' }],
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const name = process.argv[2] ?? 'scan';
  if (!(name in POLICIES)) throw new Error(`unknown policy ${name}; known: ${Object.keys(POLICIES).join(', ')}`);
  const policy = name as PolicyName;
  process.stdout.write(`${JSON.stringify(policyDocument(policy, await policyActions(policy)), null, 2)}\n`);
}
