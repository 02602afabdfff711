import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

/** What the next sign-in's ID token says instead of the truth (null: leave the claim out). */
export type ClaimOverrides = Record<string, unknown>;

export interface FakeIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The person the next sign-in is, and any claims to falsify. */
  next: { email?: string; emailVerified?: boolean | null; claims?: ClaimOverrides; signWith?: 'other-key' };
  /** Every authorization request's query, as the browser brought it. */
  authorizations: URLSearchParams[];
  /** Token requests refused, with why. */
  refusals: string[];
  close(): Promise<void>;
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => resolve(text));
  });
}

const json = (res: ServerResponse, status: number, value: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
};

/**
 * An OpenID provider on 127.0.0.1 for tests: discovery, JWKS, an authorize endpoint that signs the
 * person in at once and redirects back with a code, and a token endpoint that checks the client
 * secret (Basic), the redirect URI and the PKCE verifier before issuing an RS256 ID token.
 */
export async function startFakeIdp(opts: { clientId?: string; clientSecret?: string } = {}): Promise<FakeIdp> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, { query: URLSearchParams; next: FakeIdp['next'] }>();
  const idp: FakeIdp = {
    issuer: '',
    clientId: opts.clientId ?? 'rampart-dashboard',
    clientSecret: opts.clientSecret ?? 'idp-client-secret-0123456789',
    next: {},
    authorizations: [],
    refusals: [],
    close: async () => {},
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', idp.issuer);
      if (url.pathname === '/.well-known/openid-configuration') {
        return json(res, 200, {
          issuer: idp.issuer,
          authorization_endpoint: `${idp.issuer}/authorize`,
          token_endpoint: `${idp.issuer}/token`,
          end_session_endpoint: `${idp.issuer}/logout`,
          jwks_uri: `${idp.issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          code_challenge_methods_supported: ['S256'],
          token_endpoint_auth_methods_supported: ['client_secret_basic'],
        });
      }
      if (url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
      if (url.pathname === '/authorize') {
        idp.authorizations.push(url.searchParams);
        const code = randomUUID();
        codes.set(code, { query: url.searchParams, next: idp.next });
        idp.next = {};
        const back = new URL(url.searchParams.get('redirect_uri') ?? '');
        back.searchParams.set('code', code);
        back.searchParams.set('state', url.searchParams.get('state') ?? '');
        res.writeHead(302, { location: back.href });
        return res.end();
      }
      if (url.pathname === '/token' && req.method === 'POST') {
        const form = new URLSearchParams(await body(req));
        // RFC 6749 2.3.1: id and secret are form-urlencoded, then joined by a colon and base64-encoded.
        const [id, secret] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
          .toString()
          .split(':')
          .map((part) => decodeURIComponent(part.replace(/\+/g, ' ')));
        const grant = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const why =
          id !== idp.clientId || secret !== idp.clientSecret ? 'bad client credentials'
          : !grant ? 'unknown or used code'
          : form.get('redirect_uri') !== grant.query.get('redirect_uri') ? 'redirect_uri differs'
          : createHash('sha256').update(verifier).digest('base64url') !== grant.query.get('code_challenge') ? 'PKCE verifier does not match'
          : undefined;
        if (why || !grant) {
          idp.refusals.push(why ?? 'no grant');
          return json(res, 400, { error: 'invalid_grant', error_description: why });
        }
        const { email = 'nobody@example.com', emailVerified = true, claims = {}, signWith } = grant.next;
        const payload: JWTPayload = {
          sub: `sub-${email}`,
          email,
          ...(emailVerified === null ? {} : { email_verified: emailVerified }),
          nonce: grant.query.get('nonce') ?? undefined,
          ...claims,
        };
        const now = Math.floor(Date.now() / 1000);
        const token = await new SignJWT(payload)
          .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
          .setIssuer(idp.issuer)
          .setAudience((claims.aud as string | undefined) ?? idp.clientId)
          .setIssuedAt((claims.iat as number | undefined) ?? now)
          .setExpirationTime((claims.exp as number | undefined) ?? now + 300)
          .sign(signWith === 'other-key' ? other.privateKey : privateKey);
        return json(res, 200, { access_token: randomUUID(), token_type: 'Bearer', expires_in: 300, id_token: token });
      }
      json(res, 404, { error: 'not found' });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  idp.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  idp.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return idp;
}
