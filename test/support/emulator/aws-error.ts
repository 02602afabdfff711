import type { CollectError } from '../../../src/collect/inventory.ts';

/** An AWS error the emulator answers with, in the protocol's own error format. */
export class AwsError extends Error {
  readonly code: string;
  /** HTTP status; when unset it comes from the service model or the code's usual status. */
  readonly status: number | undefined;
  /** Extra response headers (e.g. `x-amz-bucket-region` on an S3 redirect). */
  readonly headers: Record<string, string>;
  /** Extra elements of an S3 error document (e.g. `Endpoint`, `Bucket`). */
  readonly details: Record<string, string>;

  constructor(
    code: string,
    message: string,
    opts: { status?: number; headers?: Record<string, string>; details?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = opts.status;
    this.headers = opts.headers ?? {};
    this.details = opts.details ?? {};
  }

  static from(error: CollectError): AwsError {
    return new AwsError(error.code, error.message);
  }
}

// The usual status of codes the service models do not declare (or declare without a status).
const STATUS_BY_CODE: Record<string, number> = {
  AuthFailure: 401,
  InvalidAccessException: 401,
  RequestLimitExceeded: 503,
  SlowDown: 503,
  ServiceUnavailable: 503,
  ServiceUnavailableException: 503,
  TooManyRequestsException: 429,
  NotImplemented: 501,
  PermanentRedirect: 301,
  InternalError: 500,
  InternalFailure: 500,
  InternalServerError: 500,
  InternalServerException: 500,
};

/** A status for codes the model does not know, by the conventions AWS services follow. */
export function conventionalStatus(code: string): number {
  const known = STATUS_BY_CODE[code];
  if (known) return known;
  if (/^(AccessDenied|UnauthorizedOperation|InvalidClientTokenId|UnrecognizedClient|ExpiredToken|SignatureDoesNotMatch|OptInRequired|AuthorizationError|MissingAuthenticationToken)/.test(code)) {
    return 403;
  }
  if (/^NoSuch|NotFoundException$|^ResourceNotFound/.test(code)) return 404;
  return 400;
}
