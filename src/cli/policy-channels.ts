import { requireNotifications, type Policy } from '../policy/load.ts';
import { PolicyFileError } from '../policy/read-yaml.ts';
import { UsageError } from './errors.ts';

/**
 * The policy's notification channels, opened with their secrets (environment, secrets file). A
 * missing secret or channel section is the user's to fix: a one-line error, nothing sent.
 */
export async function openPolicyChannels(policy: Policy) {
  const { openChannels } = await import('../notify/channels.ts');
  try {
    return await openChannels(requireNotifications(policy), { env: process.env, ...(policy.secretsFile ? { file: policy.secretsFile } : {}) });
  } catch (err) {
    throw err instanceof PolicyFileError ? err : new UsageError((err as Error).message);
  }
}
