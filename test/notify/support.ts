import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { notificationsSchema, type NotificationsConfig } from '../../src/policy/notifications.ts';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

/** A local HTTP endpoint standing in for Slack or a webhook receiver; `reply` decides each answer. */
export interface HttpEndpoint {
  url: string;
  received: Received[];
  /** JSON bodies of the requests answered 2xx. */
  accepted(): unknown[];
  reply: (req: Received) => Reply;
  close(): Promise<void>;
}

export async function httpEndpoint(path = '/hook'): Promise<HttpEndpoint> {
  const received: Received[] = [];
  const answered: { req: Received; status: number }[] = [];
  const endpoint: HttpEndpoint = {
    url: '',
    received,
    accepted: () => answered.filter((a) => a.status < 300).map((a) => JSON.parse(a.req.body) as unknown),
    reply: () => ({ status: 200, body: 'ok' }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      const r: Received = { path: req.url ?? '', headers: req.headers, body };
      received.push(r);
      const reply = endpoint.reply(r);
      answered.push({ req: r, status: reply.status });
      res.writeHead(reply.status, reply.headers ?? {});
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  return endpoint;
}

export interface Mail {
  from: string;
  to: string[];
  raw: string;
}

export interface SmtpEndpoint {
  port: number;
  mails: Mail[];
  close(): Promise<void>;
}

/** A local SMTP server without TLS that takes mail from `username`/`password` only. */
export async function smtpEndpoint(username: string, password: string): Promise<SmtpEndpoint> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === username && auth.password === password) callback(null, { user: username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString()));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        mails.push({ from: from ? from.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A top-level header, unfolded, with RFC 2047 encoded words (UTF-8, Q or B) decoded. */
export function header(raw: string, name: string): string {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]/g, ' ');
  const line = head.split('\r\n').find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (line === undefined) throw new Error(`no ${name} header`);
  return line
    .slice(name.length + 1)
    .trim()
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/g, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}

/** The decoded body of the MIME part with this content type (quoted-printable or 7bit). */
export function mimePart(raw: string, contentType: string): string {
  const start = raw.indexOf(`Content-Type: ${contentType}`);
  if (start < 0) throw new Error(`no ${contentType} part`);
  const headersEnd = raw.indexOf('\r\n\r\n', start);
  const headers = raw.slice(start, headersEnd);
  const end = raw.indexOf('\r\n--', headersEnd);
  const body = raw.slice(headersEnd + 4, end < 0 ? undefined : end);
  if (!/Content-Transfer-Encoding: quoted-printable/i.test(headers)) return body.replace(/\r\n/g, '\n');
  const bytes = body
    .replace(/=\r\n/g, '')
    .replace(/\r\n/g, '\n')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** A config through the real schema, so defaults apply as they would from rampart.yaml. */
export function notifications(input: unknown): NotificationsConfig {
  return notificationsSchema.parse(input);
}
