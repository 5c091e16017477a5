/**
 * Sign in with a token (`listenhouse users add NAME` prints one; `npm start` prints a link that
 * carries the demo user's). The token is checked against GET /api/me before it is kept.
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { apiGet } from '../../../api/client';
import { tokenFromUrl } from '../../../api/token';
import { useAuth } from '../../../app/auth';
import { ThemeSwitch } from '../../../app/Layout';

export function SignInPage() {
  const { signIn, me, token } = useAuth();
  const navigate = useNavigate();
  const id = useId();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (candidate: string) => {
    setBusy(true);
    setError(null);
    try {
      const user = await apiGet('/api/me', undefined, { token: candidate });
      signIn(candidate);
      void navigate(`/user/${encodeURIComponent(user.name)}`, { replace: true });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  // A sign-in link: take the token out of the address bar at once, then use it.
  useEffect(() => {
    const found = tokenFromUrl(location.href);
    if (!found) return;
    history.replaceState(history.state, '', found.cleanUrl);
    setValue(found.token);
    void submit(found.token);
  }, []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim()) void submit(value.trim());
  };

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">listenhouse</span>
        <div className="topbar-end">
          <ThemeSwitch />
        </div>
      </header>
      <main id="main" className="page sign-in">
        <h1>Sign in</h1>
        {token && me ? (
          <p>
            You are signed in as {me.name}.{' '}
            <a href={`/user/${encodeURIComponent(me.name)}`}>Open your overview</a>
          </p>
        ) : null}
        <form onSubmit={onSubmit} className="card sign-in-form">
          <label htmlFor={`${id}-token`}>Token</label>
          <input
            id={`${id}-token`}
            type="password"
            autoComplete="current-password"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            aria-describedby={`${id}-help`}
          />
          <p id={`${id}-help`} className="muted">
            <code>listenhouse users add NAME</code> prints a token; <code>listenhouse users token NAME</code>{' '}
            issues a new one. The token stays in this browser until you sign out.
          </p>
          <button type="submit" disabled={busy || value.trim() === ''}>
            Sign in
          </button>
          {error ? (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
        <p className="muted">
          A public profile needs no token: open <code>/user/NAME</code> (
          <code>listenhouse users set NAME --privacy public</code>).
        </p>
      </main>
    </div>
  );
}
