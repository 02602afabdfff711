import { dirname, resolve } from 'node:path';
import type { NotificationsConfig } from './notifications.ts';
import { notificationsSchema } from './notifications.ts';
import { ownerDirectory, ownersSchema } from './owners-file.ts';
import type { OwnerDirectory } from './owners.ts';
import { PolicyFileError, parseSection, readYamlFile } from './read-yaml.ts';

export interface AlertPolicy {
  notifications: NotificationsConfig;
  owners: OwnerDirectory;
  /** Absolute path of the secrets file the notifications name, if any. */
  secretsFile?: string;
}

/** The notifications and owners sections of a policy file; a file without notifications is refused. */
export async function loadAlertPolicy(path: string): Promise<AlertPolicy> {
  const file = await readYamlFile(path);
  const notifications = parseSection(file, 'notifications', notificationsSchema);
  if (!notifications) throw new PolicyFileError(`${path} has no notifications: section`);
  const owners = parseSection(file, 'owners', ownersSchema);
  const secretsFile = notifications.secrets_file === undefined ? undefined : resolve(dirname(path), notifications.secrets_file);
  return { notifications, owners: ownerDirectory(owners), ...(secretsFile ? { secretsFile } : {}) };
}
