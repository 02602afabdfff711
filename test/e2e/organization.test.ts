import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openStore } from '../../src/store/index.ts';
import { runCli } from '../cli/run-cli.ts';
import { startEmulator, type RunningEmulator } from '../support/emulator/index.ts';
import { BASE_CREDENTIALS, MANAGEMENT, ROLE, SANDBOX, SECURITY, WORKLOAD, hubWorld } from '../support/hub-world.ts';

const env = (emulator: RunningEmulator) => ({
  AWS_ACCESS_KEY_ID: BASE_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: BASE_CREDENTIALS.secretAccessKey,
  AWS_REGION: 'us-east-1',
  AWS_ENDPOINT_URL: emulator.endpoint,
  AWS_PROFILE: '',
});

describe('organization structure: OUs and owner tags', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rampart-org-'));
  const world = hubWorld();
  world.organization.ous = [
    { id: 'ou-root-security1', name: 'Security', parentId: 'r-root' },
    { id: 'ou-root-workloads', name: 'Workloads', parentId: 'r-root' },
    { id: 'ou-work-prod00001', name: 'Prod', parentId: 'ou-root-workloads' },
  ];
  world.organization.placement = { [SECURITY]: 'ou-root-security1', [WORKLOAD]: 'ou-work-prod00001', [SANDBOX]: 'ou-root-workloads' };
  world.organization.tags = { [WORKLOAD]: { 'owner-email': 'payments@example.com, oncall@example.com', 'manager-email': 'boss@example.com', team: 'payments' } };
  let emulator: RunningEmulator;
  before(async () => {
    emulator = await startEmulator(world);
  });
  after(async () => {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps each account\'s OU path, and its tags when the policy names owner tags', async () => {
    const policy = join(dir, 'owners.yaml');
    writeFileSync(policy, 'owners:\n  tags: { owner_email: owner-email, manager_email: manager-email }\n');
    const db = join(dir, 'rampart.db');
    const r = await runCli(['import', 'securityhub', '--org', '--role-name', ROLE, '--db', db, '--policy', policy], { env: env(emulator), cwd: dir });
    assert.notEqual(r.code, 1, r.stderr);
    const store = await openStore(db);
    try {
      const accounts = new Map((await store.accounts()).map((a) => [a.id, a]));
      assert.deepEqual(
        [MANAGEMENT, SECURITY, WORKLOAD, SANDBOX].map((id) => [id, accounts.get(id)?.ouPath, accounts.get(id)?.ouId]),
        [
          [MANAGEMENT, 'Root', 'r-root'],
          [SECURITY, 'Root/Security', 'ou-root-security1'],
          [WORKLOAD, 'Root/Workloads/Prod', 'ou-work-prod00001'],
          [SANDBOX, 'Root/Workloads', 'ou-root-workloads'],
        ],
      );
      assert.deepEqual(accounts.get(WORKLOAD)?.tags, { 'owner-email': 'payments@example.com, oncall@example.com', 'manager-email': 'boss@example.com', team: 'payments' });
      assert.deepEqual(accounts.get(SANDBOX)?.tags, {});
    } finally {
      await store.close();
    }
    assert.ok(emulator.calls.entries.some((c) => c.operation === 'ListTagsForResource'));
  });

  it('reads no tags when the policy does not name owner tags, and a denied OU listing is a problem, not a failure', async () => {
    const before = emulator.calls.entries.filter((c) => c.operation === 'ListTagsForResource').length;
    world.faults = [{ service: 'organizations', operation: 'ListRoots', code: 'AccessDeniedException', httpStatus: 400 }];
    const db = join(dir, 'plain.db');
    const r = await runCli(['import', 'securityhub', '--org', '--role-name', ROLE, '--db', db, '--json'], { env: env(emulator), cwd: dir });
    world.faults = [];
    assert.equal(r.code, 3, r.stderr);
    const out = JSON.parse(r.stdout) as { run: { errors: { code: string; message: string }[] } };
    assert.ok(out.run.errors.some((e) => e.code === 'AccessDeniedException' && /OUs/.test(e.message)));
    assert.equal(emulator.calls.entries.filter((c) => c.operation === 'ListTagsForResource').length, before);
    const store = await openStore(db);
    try {
      assert.equal((await store.accounts()).length, 4);
    } finally {
      await store.close();
    }
  });
});
