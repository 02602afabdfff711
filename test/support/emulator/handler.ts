import { Readable } from 'node:stream';
import { HttpResponse, type HttpHandler, type HttpRequest } from '@smithy/core/protocols';
import type { CallLog } from './call-log.ts';
import { createEmulatorCore } from './core.ts';
import type { QueryBag } from './serde/rest.ts';
import type { EmulatorOptions, EmulatorWorld } from './world.ts';

async function bodyText(body: unknown): Promise<string> {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  // Not Buffer.from(body): it calls valueOf(), which the SDK's JSON body adapter overrides.
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

function queryOf(request: HttpRequest): QueryBag {
  const bag = new Map<string, string[]>();
  for (const [k, v] of Object.entries(request.query ?? {})) {
    bag.set(k, v === null ? [''] : Array.isArray(v) ? v : [v]);
  }
  return bag;
}

export type EmulatorHttpHandler = HttpHandler & { calls: CallLog };

/** The emulator as the SDK's `requestHandler`: the whole client pipeline runs, without sockets. */
export function emulatorHttpHandler(world: EmulatorWorld, opts: EmulatorOptions = {}): EmulatorHttpHandler {
  const core = createEmulatorCore(world, opts);
  return {
    calls: core.calls,
    async handle(request: HttpRequest) {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v;
      const response = await core.handle({
        method: request.method,
        path: request.path,
        query: queryOf(request),
        headers,
        body: await bodyText(request.body),
      });
      const bytes = Buffer.from(response.body, 'utf8');
      return {
        response: new HttpResponse({
          statusCode: response.status,
          headers: { ...response.headers, 'content-length': String(bytes.length) },
          body: Readable.from([bytes]),
        }),
      };
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
  };
}
