import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { AwsError } from './aws-error.ts';
import { CallLog } from './call-log.ts';
import { AccountData } from './data.ts';
import { paginate } from './paginate.ts';
import { decodeRequest, encodeError, encodeOutput, unknownOperation, type Decoded } from './protocols.ts';
import { regionUsable } from './regions.ts';
import type { Identity, IssuedCredentials, OpContext, ServiceSpec } from './service.ts';
import { serviceFor } from './services/index.ts';
import type { RawRequest, RawResponse } from './wire.ts';
import type { CallRecord, EmulatorOptions, EmulatorWorld, Fault } from './world.ts';

export interface EmulatorCore {
  handle(request: RawRequest): Promise<RawResponse>;
  calls: CallLog;
}

const SCOPE = /Credential=([^/\s,]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

/** Access key, region and service from the SigV4 credential scope. */
function credentialScope(authorization: string | undefined) {
  const m = SCOPE.exec(authorization ?? '');
  return m ? { accessKeyId: m[1]!, region: m[2]!, service: m[3]! } : undefined;
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** The protocol's answer to a request from a region the account has not opted in to. */
function invalidToken(service: ServiceSpec): AwsError {
  if (service.protocol === 'ec2Query') {
    return new AwsError('AuthFailure', 'AWS was not able to validate the provided access credentials');
  }
  const code = service.protocol === 'awsQuery' ? 'InvalidClientTokenId' : 'UnrecognizedClientException';
  return new AwsError(code, 'The security token included in the request is invalid.', { status: 403 });
}

export function createEmulatorCore(world: EmulatorWorld, opts: EmulatorOptions = {}): EmulatorCore {
  const pageSize = opts.pageSize ?? 2;
  const calls = new CallLog();
  const issued = new Map<string, Identity>();
  const faultUses = new WeakMap<Fault, number>();
  const partition = world.inventory.partition || 'aws';
  const base: Identity = {
    accountId: world.callerAccountId,
    arn: `arn:${partition}:iam::${world.callerAccountId}:user/emulator`,
    userId: 'AIDAEMULATORBASEUSER',
  };
  const dataOf = (accountId: string) => new AccountData(world.inventory.accounts.find((a) => a.accountId === accountId));

  function issue(identity: Identity, durationSeconds: number): IssuedCredentials {
    const AccessKeyId = `ASIA${identity.accountId}${issued.size.toString(36).toUpperCase().padStart(4, '0')}`;
    issued.set(AccessKeyId, identity);
    return {
      AccessKeyId,
      SecretAccessKey: randomBytes(30).toString('base64'),
      SessionToken: randomBytes(48).toString('base64'),
      Expiration: new Date(Date.now() + durationSeconds * 1000),
    };
  }

  function injectedFault(record: Omit<CallRecord, 'input' | 'status'>): AwsError | undefined {
    const fault = (world.faults ?? []).find(
      (f) =>
        (f.accountId === undefined || f.accountId === record.accountId) &&
        (f.region === undefined || f.region === record.region) &&
        (f.service === undefined || f.service === record.service) &&
        (f.operation === undefined || f.operation === record.operation) &&
        (faultUses.get(f) ?? 0) < (f.times ?? Infinity),
    );
    if (!fault) return undefined;
    faultUses.set(fault, (faultUses.get(fault) ?? 0) + 1);
    const opts = fault.httpStatus === undefined ? {} : { status: fault.httpStatus };
    return new AwsError(fault.code, fault.message ?? `${fault.code} (injected by the emulator)`, opts);
  }

  async function answer(
    service: ServiceSpec,
    decoded: Decoded,
    identity: Identity,
    region: string,
    requestId: string,
  ): Promise<RawResponse> {
    const { spec, operation, input } = decoded;
    if (!spec) throw unknownOperation(service, operation);
    if (!service.global && !regionUsable(world, identity.accountId, region)) throw invalidToken(service);
    const ctx: OpContext = {
      world,
      partition,
      identity,
      region,
      data: dataOf(identity.accountId),
      dataOf,
      page: (items, token, max) => paginate(items, token, max, pageSize),
      issue,
    };
    return encodeOutput(service, operation, await spec.handle(ctx, input), requestId);
  }

  async function handle(request: RawRequest): Promise<RawResponse> {
    const requestId = randomUUID();
    const scope = credentialScope(request.headers.authorization);
    const service = scope && serviceFor(scope.service, request.path);
    const identity = (scope && issued.get(scope.accessKeyId)) ?? base;
    const record: CallRecord = {
      accountId: identity.accountId,
      region: scope?.region ?? '',
      service: service?.id ?? scope?.service ?? '',
      operation: '',
      input: '{}',
      status: 0,
    };
    let response: RawResponse;
    try {
      if (opts.latencyMs) await sleep(opts.latencyMs);
      if (!scope) throw new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', { status: 403 });
      if (!service) throw new AwsError('UnknownOperationException', `Service ${scope.service} is not emulated.`);
      const decoded = decodeRequest(service, request);
      record.operation = decoded.operation;
      record.input = canonicalJson(decoded.input);
      record.accountId = decoded.spec?.subjectAccount?.(decoded.input) ?? identity.accountId;
      const fault = injectedFault(record);
      if (fault) throw fault;
      response = await answer(service, decoded, identity, scope.region, requestId);
    } catch (err) {
      const error = err instanceof AwsError ? err : new AwsError('InternalFailure', String(err), { status: 500 });
      response = encodeError(service, error, requestId);
      record.errorCode = error.code;
    }
    record.status = response.status;
    calls.add(record);
    return response;
  }

  return { handle, calls };
}
