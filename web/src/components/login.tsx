import { useState } from 'preact/hooks';
import { api, ApiError } from '../api.ts';

/**
 * Shown whenever the API says 401: a token is exchanged for an HttpOnly session cookie; where the
 * server has an identity provider, its sign-in is a full-page visit that comes back with the same cookie.
 */
export function LoginForm({ onLoggedIn, notice, sso }: { onLoggedIn: () => void; notice: string | null; sso: boolean }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.login(token.trim());
      setToken('');
      onLoggedIn();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : `could not reach the server: ${String(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <form onSubmit={submit} class="card" aria-labelledby="login-title">
        <h1 id="login-title">Sign in to Rampart</h1>
        {notice && <p class="muted">{notice}</p>}
        {sso && (
          <>
            <a class="button sso" href="/auth/login">
              Sign in with SSO
            </a>
            <p class="or">or with an API token</p>
          </>
        )}
        <label for="token">API token</label>
        <input
          id="token"
          name="token"
          type="password"
          autocomplete="current-password"
          required
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
        />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy || !token.trim()}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
