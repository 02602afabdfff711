import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, onUnauthorized } from './api.ts';
import { LoginForm } from './components/login.tsx';
import { ErrorBox, Loading } from './components/status.tsx';
import { AccountPage } from './pages/account.tsx';
import { ExceptionsPage } from './pages/exceptions.tsx';
import { FindingsPage } from './pages/findings.tsx';
import { HeatmapPage } from './pages/heatmap.tsx';
import { OverviewPage } from './pages/overview.tsx';
import { Link, useLocation } from './router.tsx';
import type { Session } from './types.ts';

const NAV = [
  { href: '/', label: 'Overview' },
  { href: '/heatmap', label: 'Heat map' },
  { href: '/findings', label: 'Findings' },
  { href: '/exceptions', label: 'Exceptions' },
];

function Page({ path, session }: { path: string; session: Session }) {
  if (path === '/') return <OverviewPage />;
  if (path === '/heatmap') return <HeatmapPage />;
  if (path === '/findings') return <FindingsPage />;
  if (path === '/exceptions') return <ExceptionsPage />;
  const account = /^\/accounts\/([^/]+)\/?$/.exec(path);
  if (account) return <AccountPage id={decodeURIComponent(account[1]!)} session={session} />;
  return (
    <main>
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{path}</code>. <Link href="/">Back to the overview</Link>
      </p>
    </main>
  );
}

type SessionState =
  | { kind: 'loading' }
  | { kind: 'in'; session: Session }
  | { kind: 'out'; notice: string | null; sso: boolean }
  | { kind: 'error'; error: ApiError };

export function App() {
  const { path } = useLocation();
  const [state, setState] = useState<SessionState>({ kind: 'loading' });
  const load = (notice: string | null = null) => {
    api.session().then(
      (session) => setState({ kind: 'in', session }),
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 401) setState({ kind: 'out', notice, sso: err.sso });
        else setState({ kind: 'error', error: err instanceof ApiError ? err : new ApiError(0, String(err)) });
      },
    );
  };
  useEffect(() => load(), []);
  // The session is asked for again (not assumed gone) so the login form knows whether to offer SSO.
  useEffect(() => onUnauthorized(() => load('Your session has ended; sign in again.')), []);
  useEffect(() => {
    const name = NAV.find((n) => n.href === path)?.label ?? (path.startsWith('/accounts/') ? 'Account' : 'Rampart');
    document.title = `${name} · Rampart`;
  }, [path]);

  if (state.kind === 'loading') return <Loading />;
  if (state.kind === 'error')
    return (
      <main>
        <ErrorBox error={state.error} />
      </main>
    );
  if (state.kind === 'out') return <LoginForm onLoggedIn={() => load()} notice={state.notice} sso={state.sso} />;
  const { session } = state;
  // Asking for the session again rather than assuming it ended: a server without users lets everyone in.
  const logout = () =>
    api.logout().then(
      // Signed in at the identity provider: end that sign-in too, which comes back here.
      ({ endSession }) => (endSession ? window.location.assign(endSession) : load('Signed out.')),
      () => load('Signed out.'),
    );
  return (
    <>
      <a class="skip" href="#content">
        Skip to content
      </a>
      <header class="top">
        <span class="brand">Rampart</span>
        <nav aria-label="Main">
          {NAV.map((n) => (
            <Link key={n.href} href={n.href} aria-current={n.href === path ? 'page' : undefined}>
              {n.label}
            </Link>
          ))}
        </nav>
        <span class="who">
          <span class="user">{session.user}</span> <span class="role">{session.role}</span>
          {session.accounts && <span class="muted"> · {session.accounts.length} account(s)</span>}
          <button type="button" class="link" onClick={logout}>
            Sign out
          </button>
        </span>
      </header>
      <div id="content">
        <Page path={path} session={session} />
      </div>
    </>
  );
}
