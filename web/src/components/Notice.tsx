/** What a page shows instead of a blank chart: the server's message, a spinner line, an empty state. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client';

/**
 * The profile cannot be shown at all: private (401), someone else's (403) or no such user (404).
 * Every part of the page would say the same, so the page says it once.
 */
export function isProfileError(error: unknown): boolean {
  return error instanceof ApiError && [401, 403, 404].includes(error.status);
}

/** `title` replaces "Could not load WHAT." where the failure was a change (a save, an addition). */
export function ErrorNotice({ error, what, title }: { error: unknown; what: string; title?: string }) {
  const message = error instanceof Error ? error.message : String(error);
  const signIn = error instanceof ApiError && (error.status === 401 || error.status === 403);
  return (
    <div className="notice notice-error" role="alert">
      <strong>{title ?? `Could not load ${what}.`}</strong> <span className="server-message">{message}</span>
      {signIn ? (
        <>
          {' '}
          <Link to="/sign-in">Sign in with a token</Link>
        </>
      ) : null}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      Loading {what}…
    </p>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="notice notice-empty">
      <strong>{title}</strong>
      {children}
    </div>
  );
}

/** What a new user does next: import an export with the CLI, or point a player at this server. */
export function ImportHint() {
  return (
    <div className="import-hint">
      <p>Import your history (Spotify, Last.fm, ListenBrainz exports; any CSV) on the server’s machine:</p>
      <pre>
        <code>listenhouse import ~/Downloads/my_spotify_data.zip</code>
      </pre>
      <p>
        Or point a scrobbler (Navidrome, Jellyfin, web-scrobbler…) at <code>{location.origin}/</code> as its
        ListenBrainz URL, with your token.
      </p>
    </div>
  );
}
