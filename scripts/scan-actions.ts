// Derives the IAM actions the scan can call from the AWS SDK commands and paginators the code
// imports. `node scripts/scan-actions.ts` prints the least-privilege policy; a test keeps
// policy/rampart-scan-policy.json equal to it.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

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

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await sourceFiles(p)));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

export async function scanActions(): Promise<string[]> {
  const actions = new Set<string>();
  const importRe = /import\s*\{([^}]*)\}\s*from\s*'@aws-sdk\/client-([a-z0-9-]+)'/gs;
  for (const file of await sourceFiles(SRC)) {
    const text = await readFile(file, 'utf8');
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
        if (action) actions.add(action);
      }
    }
  }
  return [...actions].sort();
}

export function policyDocument(actions: string[]): object {
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'RampartScanReadOnly', Effect: 'Allow', Action: actions, Resource: '*' }],
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.stdout.write(`${JSON.stringify(policyDocument(await scanActions()), null, 2)}\n`);
}
