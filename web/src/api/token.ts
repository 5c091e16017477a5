/**
 * The sign-in token: kept in localStorage, sent as `Authorization: Token <t>` (what ListenBrainz
 * clients send; the server reads any first word, src/server/token.ts). Signing out forgets it.
 */
const KEY = 'listenhouse.token';

export function storedToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string): void {
  localStorage.setItem(KEY, token);
}

export function forgetToken(): void {
  localStorage.removeItem(KEY);
}

/**
 * A token handed over in a link (`npm start` prints `/sign-in#token=…`; `?token=` works too): the
 * token, and the same URL without it, to put back in the address bar so it is not left in the
 * history or copied along with the link.
 */
export function tokenFromUrl(href: string): { token: string; cleanUrl: string } | null {
  const url = new URL(href);
  const hash = new URLSearchParams(url.hash.replace(/^#/, ''));
  const token = (hash.get('token') ?? url.searchParams.get('token') ?? '').trim();
  if (!token) return null;
  hash.delete('token');
  url.searchParams.delete('token');
  const rest = hash.toString();
  url.hash = rest ? `#${rest}` : '';
  return { token, cleanUrl: url.pathname + url.search + url.hash };
}
