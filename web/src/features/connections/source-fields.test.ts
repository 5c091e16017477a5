import { describe, expect, it } from 'vitest';
import { connectionBody, missingField } from './source-fields';

describe('the add-connection form', () => {
  it('splits what was typed into settings and credentials, leaving empty fields out', () => {
    expect(connectionBody('lastfm', { user: ' RJ ', apiKey: 'k123', url: '' })).toEqual({
      kind: 'lastfm',
      settings: { user: 'RJ' },
      credentials: { apiKey: 'k123' },
    });
    expect(connectionBody('plex', {})).toEqual({ kind: 'plex', settings: {}, credentials: {} });
  });

  it('names the first required field left empty', () => {
    expect(missingField('lastfm', { user: 'RJ' })).toBe('API key is needed.');
    expect(missingField('lastfm', { user: 'RJ', apiKey: 'k' })).toBeNull();
    expect(missingField('jellyfin', {})).toBeNull();
  });
});
