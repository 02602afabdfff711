import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallLog } from './call-log.ts';
import { createEmulatorCore } from './core.ts';
import { queryBag, type RawRequest } from './wire.ts';
import type { EmulatorOptions, EmulatorWorld } from './world.ts';

export interface RunningEmulator {
  /** One URL for every service, as `--endpoint-url` takes it. */
  endpoint: string;
  calls: CallLog;
  close(): Promise<void>;
}

async function rawRequest(req: IncomingMessage): Promise<RawRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', 'http://emulator');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(',') : v;
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: queryBag(url.searchParams),
    headers,
    body: Buffer.concat(chunks).toString('utf8'),
  };
}

/** Serves the world over HTTP on 127.0.0.1 at a random port. */
export async function startEmulator(world: EmulatorWorld, opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const core = createEmulatorCore(world, opts);
  const server = createServer((req, res) => {
    rawRequest(req)
      .then((request) => core.handle(request))
      .then((response) => {
        res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
        res.end(response.body);
      })
      .catch((err: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(err));
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    calls: core.calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
