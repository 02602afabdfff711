import { NormalizedSchema, TypeRegistry } from '@smithy/core/schema';
import { AwsError, conventionalStatus } from './aws-error.ts';
import { isHttpBound, toJson } from './serde/json.ts';
import { readQuery } from './serde/query.ts';
import { matchRoute, readRestInput, routeOf, type Route } from './serde/rest.ts';
import { element, escapeXml, memberXml, structContent } from './serde/xml.ts';
import type { Input, OperationSpec, Output, ServiceSpec } from './service.ts';
import type { RawRequest, RawResponse } from './wire.ts';

/** The operation a request names (known to the emulator or not) and its decoded input. */
export interface Decoded {
  operation: string;
  spec: OperationSpec | undefined;
  input: Input;
}

const CONTENT_TYPE: Record<ServiceSpec['protocol'], string> = {
  awsQuery: 'text/xml',
  ec2Query: 'text/xml',
  awsJson1_0: 'application/x-amz-json-1.0',
  awsJson1_1: 'application/x-amz-json-1.1',
  restJson1: 'application/json',
  restXml: 'application/xml',
};

const routes = new WeakMap<ServiceSpec, [string, Route][]>();

function routesOf(service: ServiceSpec): [string, Route][] {
  let list = routes.get(service);
  if (!list) {
    list = Object.entries(service.operations).map(([name, spec]) => [name, routeOf(spec.schema)]);
    routes.set(service, list);
  }
  return list;
}

function inputSchema(spec: OperationSpec): NormalizedSchema {
  return NormalizedSchema.of(spec.schema[4]);
}

function decodeJson(service: ServiceSpec, req: RawRequest): Decoded {
  const target = req.headers['x-amz-target'] ?? '';
  const operation = target.startsWith(`${service.targetPrefix}.`) ? target.slice(service.targetPrefix!.length + 1) : target;
  const spec = service.operations[operation];
  let body: unknown;
  try {
    body = req.body.trim() ? JSON.parse(req.body) : {};
  } catch {
    throw new AwsError('SerializationException', 'The request body is not valid JSON.');
  }
  return { operation, spec, input: (spec ? body : {}) as Input };
}

function decodeQuery(service: ServiceSpec, req: RawRequest): Decoded {
  const params = new Map<string, string>();
  for (const [k, values] of req.query) params.set(k, values[0] ?? '');
  for (const [k, v] of new URLSearchParams(req.body)) params.set(k, v);
  const operation = params.get('Action') ?? '';
  const spec = service.operations[operation];
  const input = spec ? (readQuery(inputSchema(spec), params, { ec2: service.protocol === 'ec2Query' }) as Input) : {};
  return { operation, spec, input };
}

function decodeRest(service: ServiceSpec, req: RawRequest): Decoded {
  for (const [operation, route] of routesOf(service)) {
    const labels = matchRoute(route, req.method, req.path, req.query);
    if (!labels) continue;
    const spec = service.operations[operation]!;
    const parts = { labels, query: req.query, headers: req.headers, body: service.protocol === 'restJson1' ? req.body : '' };
    return { operation, spec, input: readRestInput(inputSchema(spec), parts, { jsonName: true }) };
  }
  return { operation: `${req.method} ${req.path}`, spec: undefined, input: {} };
}

export function decodeRequest(service: ServiceSpec, req: RawRequest): Decoded {
  switch (service.protocol) {
    case 'awsJson1_0':
    case 'awsJson1_1':
      return decodeJson(service, req);
    case 'awsQuery':
    case 'ec2Query':
      return decodeQuery(service, req);
    default:
      return decodeRest(service, req);
  }
}

/** The error a protocol answers for an operation the emulator does not implement. */
export function unknownOperation(service: ServiceSpec, operation: string): AwsError {
  switch (service.protocol) {
    case 'awsQuery':
    case 'ec2Query':
      return new AwsError('InvalidAction', `The action ${operation} is not valid for this web service.`);
    case 'restXml':
      return new AwsError('NotImplemented', 'A header you provided implies functionality that is not implemented.');
    default:
      return new AwsError('UnknownOperationException', `Operation ${operation} is not supported by this emulator.`);
  }
}

function requestIdHeaders(service: ServiceSpec, requestId: string): Record<string, string> {
  return service.protocol === 'restXml'
    ? { 'x-amz-request-id': requestId, 'x-amz-id-2': Buffer.from(requestId).toString('base64') }
    : { 'x-amzn-requestid': requestId };
}

function xmlResponse(service: ServiceSpec, operation: string, output: Output, requestId: string): string {
  const ns = NormalizedSchema.of(service.operations[operation]!.schema[5]);
  const { content } = ns.isStructSchema() ? structContent(ns, output) : { content: '' };
  const xmlns = ` xmlns="${escapeXml(service.xmlNamespace ?? '')}"`;
  if (service.protocol === 'ec2Query') {
    return element(`${operation}Response`, element('requestId', requestId) + content, xmlns);
  }
  const metadata = element('ResponseMetadata', element('RequestId', requestId));
  return element(`${operation}Response`, element(`${operation}Result`, content) + metadata, xmlns);
}

function restBody(service: ServiceSpec, operation: string, output: Output): { body: string; headers: Record<string, string> } {
  const ns = NormalizedSchema.of(service.operations[operation]!.schema[5]);
  const headers: Record<string, string> = {};
  if (!ns.isStructSchema()) return { body: '', headers };
  const xmlns = ` xmlns="${escapeXml(service.xmlNamespace ?? '')}"`;
  for (const [name, member] of ns.structIterator()) {
    const value = output[name];
    const traits = member.getMergedTraits();
    if (traits.httpHeader && value !== undefined) headers[traits.httpHeader.toLowerCase()] = String(value);
    if (!traits.httpPayload) continue;
    if (value === undefined || value === null) return { body: '', headers };
    if (member.isStringSchema()) return { body: String(value), headers };
    if (service.protocol === 'restJson1') return { body: JSON.stringify(toJson(member, value, { jsonName: true })), headers };
    const root = memberXml(member, traits.xmlName ?? member.getName() ?? name, value);
    return { body: root.replace(/^<([^\s>]+)/, `<$1${xmlns}`), headers };
  }
  if (service.protocol === 'restJson1') {
    return { body: JSON.stringify(toJson(ns, output, { jsonName: true }, true)), headers };
  }
  const bodyMembers = Object.fromEntries(
    [...ns.structIterator()].filter(([, m]) => !isHttpBound(m)).map(([name]) => [name, output[name]]),
  );
  const { attributes, content } = structContent(ns, bodyMembers);
  return { body: element(ns.getMergedTraits().xmlName ?? ns.getName() ?? operation, content, xmlns + attributes), headers };
}

export function encodeOutput(service: ServiceSpec, operation: string, output: Output, requestId: string): RawResponse {
  const spec = service.operations[operation]!;
  const base = { 'content-type': CONTENT_TYPE[service.protocol], ...requestIdHeaders(service, requestId) };
  if (spec.encode) {
    const custom = spec.encode(output);
    return { status: 200, headers: { ...base, ...custom.headers }, body: custom.body };
  }
  switch (service.protocol) {
    case 'awsQuery':
    case 'ec2Query':
      return { status: 200, headers: base, body: xmlResponse(service, operation, output, requestId) };
    case 'awsJson1_0':
    case 'awsJson1_1': {
      const ns = NormalizedSchema.of(spec.schema[5]);
      return { status: 200, headers: base, body: JSON.stringify(toJson(ns, output, { jsonName: false }) ?? {}) };
    }
    default: {
      const { body, headers } = restBody(service, operation, output);
      return { status: 200, headers: { ...base, ...headers }, body };
    }
  }
}

interface ErrorTraits {
  httpError?: number;
  awsQueryError?: [string, number];
}

function modeledError(service: ServiceSpec, code: string): { name: string; status: number | undefined } | undefined {
  const found = TypeRegistry.for(service.namespace).find((schema) => {
    const s = schema as unknown[];
    if (s[0] !== -3) return false;
    const traits = NormalizedSchema.of(schema).getMergedTraits() as ErrorTraits;
    return s[2] === code || traits.awsQueryError?.[0] === code;
  });
  if (!found) return undefined;
  const traits = NormalizedSchema.of(found).getMergedTraits() as ErrorTraits;
  return { name: (found as unknown[])[2] as string, status: traits.awsQueryError?.[1] ?? traits.httpError };
}

/** The status AWS answers an error with: explicit, else as modeled, else by convention. */
export function errorStatus(service: ServiceSpec | undefined, error: AwsError): number {
  return error.status ?? (service && modeledError(service, error.code)?.status) ?? conventionalStatus(error.code);
}

export function encodeError(service: ServiceSpec | undefined, error: AwsError, requestId: string): RawResponse {
  const status = errorStatus(service, error);
  const code = error.code;
  const message = escapeXml(error.message);
  const protocol = service?.protocol ?? 'awsJson1_1';
  const headers: Record<string, string> = {
    'content-type': CONTENT_TYPE[protocol],
    ...(service ? requestIdHeaders(service, requestId) : { 'x-amzn-requestid': requestId }),
    ...error.headers,
  };
  switch (protocol) {
    case 'awsQuery': {
      const type = status >= 500 ? 'Receiver' : 'Sender';
      const body = element(
        'ErrorResponse',
        element('Error', element('Type', type) + element('Code', escapeXml(code)) + element('Message', message)) +
          element('RequestId', requestId),
        ` xmlns="${escapeXml(service?.xmlNamespace ?? '')}"`,
      );
      return { status, headers, body };
    }
    case 'ec2Query': {
      const errors = element('Errors', element('Error', element('Code', escapeXml(code)) + element('Message', message)));
      return { status, headers, body: element('Response', errors + element('RequestID', requestId)) };
    }
    case 'restXml': {
      const details = Object.entries(error.details)
        .map(([k, v]) => element(k, escapeXml(v)))
        .join('');
      const fields = element('Code', escapeXml(code)) + element('Message', message) + details;
      const body =
        service?.id === 's3control'
          ? element('ErrorResponse', element('Error', fields) + element('RequestId', requestId))
          : element('Error', fields + element('RequestId', requestId));
      return { status, headers, body };
    }
    default: {
      const type = service?.queryCompatible ? (modeledError(service, code)?.name ?? code) : code;
      headers['x-amzn-errortype'] = type;
      if (service?.queryCompatible) headers['x-amzn-query-error'] = `${code};${status >= 500 ? 'Receiver' : 'Sender'}`;
      return { status, headers, body: JSON.stringify({ __type: type, message: error.message }) };
    }
  }
}
