/**
 * What the add form asks for each kind of live source (docs/sources.md, "Live sources"): settings
 * and credentials, each a text field. The server checks them with the source's own schema; this
 * only says which fields to show and splits what was typed into the two objects.
 */
export interface SourceField {
  key: string;
  label: string;
  secret: boolean;
  required: boolean;
  placeholder?: string;
  /** A number (ListenBrainz's count). */
  numeric?: boolean;
}

export const SOURCE_FIELDS: Record<string, SourceField[]> = {
  lastfm: [
    { key: 'user', label: 'Last.fm user name', secret: false, required: true },
    { key: 'apiKey', label: 'API key', secret: true, required: true },
    {
      key: 'url',
      label: 'API root',
      secret: false,
      required: false,
      placeholder: 'https://ws.audioscrobbler.com/2.0/',
    },
  ],
  listenbrainz: [
    { key: 'user', label: 'User name on that server', secret: false, required: true },
    {
      key: 'url',
      label: 'Server',
      secret: false,
      required: false,
      placeholder: 'https://api.listenbrainz.org',
    },
    { key: 'token', label: 'Token (private profiles only)', secret: true, required: false },
  ],
  spotify: [
    { key: 'clientId', label: 'Client id', secret: false, required: true },
    { key: 'redirectUri', label: 'Redirect URI', secret: false, required: true },
    { key: 'clientSecret', label: 'Client secret', secret: true, required: true },
    { key: 'code', label: 'Authorization code', secret: true, required: true },
  ],
  plex: [{ key: 'account', label: 'Only this Plex account', secret: false, required: false }],
  jellyfin: [{ key: 'user', label: 'Only this Jellyfin user', secret: false, required: false }],
  roon: [
    {
      key: 'url',
      label: 'Roon core',
      secret: false,
      required: true,
      placeholder: 'ws://192.168.1.20:9330/api',
    },
    { key: 'zone', label: 'Only this zone', secret: false, required: false },
  ],
  subsonic: [
    { key: 'url', label: 'Server', secret: false, required: true, placeholder: 'https://music.example.org' },
    { key: 'user', label: 'User name on that server', secret: false, required: true },
    { key: 'password', label: 'Password', secret: true, required: true },
  ],
};

/** The credentials' keys per kind: the rest of a kind's fields are settings. */
const CREDENTIALS = new Set(['apiKey', 'token', 'clientSecret', 'code', 'password']);

export function fieldsOf(kind: string): SourceField[] {
  return SOURCE_FIELDS[kind] ?? [];
}

/** The body of POST /api/connections from what was typed; empty fields are left out. */
export function connectionBody(
  kind: string,
  values: Record<string, string>,
): { kind: string; settings: Record<string, unknown>; credentials: Record<string, unknown> } {
  const settings: Record<string, unknown> = {};
  const credentials: Record<string, unknown> = {};
  for (const field of fieldsOf(kind)) {
    const value = values[field.key]?.trim() ?? '';
    if (value === '') continue;
    (CREDENTIALS.has(field.key) ? credentials : settings)[field.key] = field.numeric ? Number(value) : value;
  }
  return { kind, settings, credentials };
}

/** What is missing before the form can be sent; null when nothing is. */
export function missingField(kind: string, values: Record<string, string>): string | null {
  const missing = fieldsOf(kind).find((f) => f.required && !(values[f.key]?.trim() ?? ''));
  return missing ? `${missing.label} is needed.` : null;
}
