import type { Session } from './types.ts';

/** An API answer other than 2xx, carrying the server's own `{ error }` text so pages can show it as is. */
export class ApiError extends Error {
  readonly status: number;
  /** On a 401: the server also signs people in through OpenID Connect, at GET /auth/login. */
  readonly sso: boolean;
  constructor(status: number, message: string, sso = false) {
    super(message);
    this.status = status;
    this.sso = sso;
  }
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** The app re-shows the login form when any call finds the session gone (expired cookie, logout elsewhere). */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

async function errorOf(res: Response): Promise<ApiError> {
  let message = `${res.status} ${res.statusText}`;
  let sso = false;
  try {
    const body = (await res.json()) as { error?: unknown; oidc?: unknown };
    if (typeof body.error === 'string' && body.error) message = body.error;
    sso = body.oidc === true;
  } catch {
    // A body that is not JSON (a proxy's error page) keeps the status line as the message.
  }
  return new ApiError(res.status, message, sso);
}

async function request<T>(path: string, init?: RequestInit, signal?: AbortSignal): Promise<T> {
  const res = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' }, signal, ...init });
  if (!res.ok) {
    const err = await errorOf(res);
    if (res.status === 401 && path !== '/api/session' && path !== '/api/login') unauthorizedListeners.forEach((l) => l());
    throw err;
  }
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const getJson = <T>(path: string, signal?: AbortSignal) => request<T>(path, undefined, signal);

function postJson<T = void>(path: string, body: unknown): Promise<T> {
  return request<T>(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
}

const enc = encodeURIComponent;

export const api = {
  session: (signal?: AbortSignal) => getJson<Session>('/api/session', signal),
  login: (token: string) => postJson('/api/login', { token }),
  logout: () => postJson<{ endSession: string | null }>('/api/logout', {}),
  overviewPath: (days: number, framework: string | null) =>
    `/api/overview?days=${days}${framework ? `&framework=${enc(framework)}` : ''}`,
  heatmapPath: (framework: string | null) => `/api/heatmap${framework ? `?framework=${enc(framework)}` : ''}`,
  heatCellPath: (account: string, control: string) => `/api/heatmap/cell?account=${enc(account)}&control=${enc(control)}`,
  findingsPath: (query: string) => `/api/findings${query ? `?${query}` : ''}`,
  groupsPath: (query: string) => `/api/findings/groups?${query}`,
  csvPath: (query: string) => `/api/findings.csv${query ? `?${query}` : ''}`,
  accountsPath: () => '/api/accounts',
  accountPath: (id: string) => `/api/accounts/${enc(id)}`,
  exceptionsPath: () => '/api/exceptions',
};

