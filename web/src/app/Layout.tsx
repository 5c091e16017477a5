/** The frame of every profile page: header with navigation, theme switch and account; the page below. */
import { NavLink, Outlet, useLocation, useNavigate, useParams } from 'react-router';
import { useAuth } from './auth';
import { navFor } from './nav';
import { useTheme, type ThemeChoice } from './theme';

const THEMES: { choice: ThemeChoice; label: string }[] = [
  { choice: 'system', label: 'System' },
  { choice: 'light', label: 'Light' },
  { choice: 'dark', label: 'Dark' },
];

export function ThemeSwitch() {
  const { choice, choose } = useTheme();
  return (
    <div className="segmented theme-switch" role="group" aria-label="Theme">
      {THEMES.map((t) => (
        <button
          key={t.choice}
          type="button"
          aria-pressed={choice === t.choice}
          onClick={() => choose(t.choice)}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

function Account() {
  const { me, token, signOut } = useAuth();
  const navigate = useNavigate();
  if (!token)
    return (
      <button type="button" className="link-button" onClick={() => void navigate('/sign-in')}>
        Sign in
      </button>
    );
  return (
    <div className="account">
      {me ? <span className="muted">Signed in as {me.name}</span> : null}
      {me ? <NavLink to="/settings">Settings</NavLink> : null}
      {me?.role === 'admin' ? <NavLink to="/admin">Admin</NavLink> : null}
      <button
        type="button"
        onClick={() => {
          signOut();
          void navigate('/sign-in');
        }}
      >
        Sign out
      </button>
    </div>
  );
}

export function Layout() {
  const { me } = useAuth();
  // The admin and settings pages have no profile in their path: the links go to the signed-in user's.
  const { user = me?.name ?? '' } = useParams();
  const { search } = useLocation();
  return (
    <div className="shell">
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to={`/user/${encodeURIComponent(user)}${search}`} className="brand">
          listenhouse
        </NavLink>
        {user ? (
          <nav aria-label="Pages" className="nav">
            {navFor(me, user).map((item) => (
              <NavLink
                key={item.path}
                end
                to={`/user/${encodeURIComponent(user)}${item.path ? `/${item.path}` : ''}${search}`}
              >
                {item.label}
              </NavLink>
            ))}
          </nav>
        ) : null}
        <div className="topbar-end">
          <ThemeSwitch />
          <Account />
        </div>
      </header>
      <main id="main" className="page">
        <Outlet />
      </main>
    </div>
  );
}
