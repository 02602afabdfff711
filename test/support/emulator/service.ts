import type { StaticOperationSchema } from '@smithy/types';
import type { AccountData } from './data.ts';
import type { Page } from './paginate.ts';
import type { RawResponse } from './wire.ts';
import type { EmulatorWorld } from './world.ts';

export type ProtocolName = 'awsQuery' | 'ec2Query' | 'awsJson1_0' | 'awsJson1_1' | 'restJson1' | 'restXml';

/** A decoded request, keyed by SDK member names. */
export type Input = Record<string, unknown>;
/** A response, keyed by SDK member names; timestamps may be ISO strings. */
export type Output = Record<string, unknown>;

export interface Identity {
  accountId: string;
  arn: string;
  userId: string;
}

export interface IssuedCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: Date;
}

/** What an operation handler may use. */
export interface OpContext {
  world: EmulatorWorld;
  partition: string;
  /** Who signed the request. */
  identity: Identity;
  /** Signing region of the request. */
  region: string;
  /** Inventory of the signing account. */
  data: AccountData;
  dataOf(accountId: string): AccountData;
  page<T>(items: readonly T[], token: unknown, max: unknown): Page<T>;
  /** Temporary credentials whose access key maps later calls to `identity.accountId`. */
  issue(identity: Identity, durationSeconds: number): IssuedCredentials;
}

export interface OperationSpec {
  schema: StaticOperationSchema;
  handle(ctx: OpContext, input: Input): Output | Promise<Output>;
  /** The account a call concerns when that is not the signer's (AssumeRole's target). */
  subjectAccount?(input: Input): string | undefined;
  /** A hand-made response instead of the schema-driven one (S3 GetBucketLocation's bare element). */
  encode?(output: Output): Pick<RawResponse, 'headers' | 'body'>;
}

export interface ServiceSpec {
  /** Name in the call log and in faults: the signing name, or `s3control`. */
  id: string;
  signingName: string;
  protocol: ProtocolName;
  /** Smithy namespace, to find the modeled HTTP status of an error code. */
  namespace: string;
  xmlNamespace?: string;
  /** awsJson `X-Amz-Target` prefix. */
  targetPrefix?: string;
  /** awsJson services that also send the awsQuery error code (`x-amzn-query-error`). */
  queryCompatible?: boolean;
  /** Global services answer in every signing region, opted in or not. */
  global: boolean;
  operations: Record<string, OperationSpec>;
}
