import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import type { ClientFactory } from './client-factory.ts';

export interface RoleOptions {
  roleName: string;
  externalId?: string;
  /** AssumeRole session length; credentials are reused for this long (less a safety margin). */
  sessionSeconds: number;
}

const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Credentials per account: the caller's own account uses the standard SDK credential chain; every
 * other account is reached by assuming `roleName` through regional STS. Assumed credentials are
 * cached per account for the session length.
 */
export class CredentialBroker {
  private readonly base: AwsCredentialIdentityProvider;
  private callerAccountId: string | undefined;
  private readonly cached = new Map<string, Promise<AwsCredentialIdentity>>();
  private readonly role: RoleOptions;
  private readonly partition: string;
  private readonly stsRegion: string;
  private factory: ClientFactory | undefined;

  constructor(role: RoleOptions, partition: string, stsRegion: string, base?: AwsCredentialIdentityProvider) {
    this.role = role;
    this.partition = partition;
    this.stsRegion = stsRegion;
    this.base = base ?? fromNodeProviderChain();
  }

  /** STS clients come from the factory so they share its endpoint override and retries. */
  attach(factory: ClientFactory): void {
    this.factory = factory;
  }

  async caller(): Promise<{ accountId: string; arn: string }> {
    const sts = this.sts();
    const id = await sts.send(new GetCallerIdentityCommand({}));
    this.callerAccountId = id.Account;
    return { accountId: id.Account ?? '', arn: id.Arn ?? '' };
  }

  providerFor(accountId: string): AwsCredentialIdentityProvider {
    if (accountId === this.callerAccountId || accountId === '') return this.base;
    return () => this.assumed(accountId);
  }

  /** Assumes the role now, so an account that cannot be reached is known before its regions are. */
  async verify(accountId: string): Promise<void> {
    if (accountId !== this.callerAccountId) await this.assumed(accountId);
  }

  private sts(): STSClient {
    if (!this.factory) throw new Error('CredentialBroker used before attach()');
    // The caller's STS client signs with the base credentials: it is keyed by the caller account.
    return this.factory.client(STSClient, this.callerAccountId ?? '', this.stsRegion);
  }

  private assumed(accountId: string): Promise<AwsCredentialIdentity> {
    const hit = this.cached.get(accountId);
    if (hit) {
      return hit.then((c) => (c.expiration && c.expiration.getTime() - Date.now() < REFRESH_MARGIN_MS ? this.refresh(accountId) : c));
    }
    return this.refresh(accountId);
  }

  private refresh(accountId: string): Promise<AwsCredentialIdentity> {
    const p = this.sts()
      .send(
        new AssumeRoleCommand({
          RoleArn: `arn:${this.partition}:iam::${accountId}:role/${this.role.roleName}`,
          RoleSessionName: 'rampart-scan',
          DurationSeconds: this.role.sessionSeconds,
          ...(this.role.externalId ? { ExternalId: this.role.externalId } : {}),
        }),
      )
      .then((out) => {
        const c = out.Credentials;
        if (!c?.AccessKeyId || !c.SecretAccessKey) throw new Error(`AssumeRole into ${accountId} returned no credentials`);
        return {
          accessKeyId: c.AccessKeyId,
          secretAccessKey: c.SecretAccessKey,
          sessionToken: c.SessionToken,
          expiration: c.Expiration,
        };
      });
    this.cached.set(accountId, p);
    p.catch(() => this.cached.delete(accountId));
    return p;
  }
}
