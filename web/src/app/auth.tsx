/** Who is signed in: the stored token and the user it belongs to (GET /api/me). */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { apiGet } from '../api/client';
import { forgetToken, storedToken, storeToken } from '../api/token';

interface AuthState {
  token: string | null;
  /** The token's user once known; null without a token or while it is checked. */
  me: { name: string; role: string } | null;
  meError: unknown;
  checking: boolean;
  signIn: (token: string) => void;
  signOut: () => void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [token, setToken] = useState(storedToken);
  const me = useQuery({
    queryKey: ['me', token],
    queryFn: ({ signal }) => apiGet('/api/me', undefined, { signal, token }),
    enabled: token !== null,
    staleTime: 5 * 60_000,
    retry: false,
  });
  const signIn = useCallback(
    (next: string) => {
      storeToken(next);
      client.clear();
      setToken(next);
    },
    [client],
  );
  const signOut = useCallback(() => {
    forgetToken();
    client.clear();
    setToken(null);
  }, [client]);
  const value = useMemo<AuthState>(
    () => ({
      token,
      me: token && me.data ? { name: me.data.name, role: me.data.role } : null,
      meError: me.error,
      checking: token !== null && me.isPending,
      signIn,
      signOut,
    }),
    [token, me.data, me.error, me.isPending, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
