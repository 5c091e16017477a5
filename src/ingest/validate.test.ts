import { describe, expect, it } from 'vitest';
import type { ListenDraft } from '../domain/listen.js';
import { validateListen } from './validate.js';

const NOW = Date.UTC(2025, 0, 1);
const draft = (fields: Partial<ListenDraft>): ListenDraft =>
  ({ listenedAt: NOW - 3_600_000, artist: 'Artist', track: 'Track', ...fields }) as ListenDraft;

describe('validateListen: control characters', () => {
  it('stores the name without a NUL and says so, with the code point and the stored name', () => {
    const checked = validateListen(draft({ artist: 'Bj\u0000örk', track: 'J\u001b[0móga' }), NOW);
    expect(checked).toMatchObject({ ok: true, listen: { artist: 'Björk', track: 'J[0móga' } });
    if (!checked.ok) throw new Error('rejected');
    expect(checked.cleaned).toEqual({
      reason: 'control_characters',
      message:
        'control characters removed: the artist name has U+0000, stored as "Björk"; ' +
        'the track name has U+001B, stored as "J[0móga". The listen is stored, and the raw row keeps them; ' +
        'if the name is wrong, correct the listen (PATCH /api/listens/{id}) or fix the file and import it again',
    });
  });

  it('names a C1 control or DEL in the release, once per character', () => {
    const checked = validateListen(draft({ release: 'Album\u0085\u007f\u0085' }), NOW);
    if (!checked.ok) throw new Error('rejected');
    expect(checked.listen.release).toBe('Album');
    expect(checked.cleaned?.message).toContain('the release name has U+0085, U+007F, stored as "Album"');
  });

  it('says nothing of tabs, line breaks and invisible format characters: they are spaces or nothing', () => {
    const checked = validateListen(
      draft({ artist: 'A\tB\r\nC', track: 'zero\u200bwidth soft\u00adhyphen' }),
      NOW,
    );
    expect(checked).toMatchObject({ ok: true, listen: { artist: 'A B C' } });
    expect(checked.ok && checked.cleaned).toBeUndefined();
  });

  it('a name of control characters only is rejected as empty, saying why', () => {
    expect(validateListen(draft({ track: '\u0000\u0000' }), NOW)).toEqual({
      ok: false,
      reason: 'empty_name',
      message: 'the track name is empty once invisible and control characters are removed',
    });
    expect(validateListen(draft({ track: '  ' }), NOW)).toMatchObject({ message: 'the track name is empty' });
  });
});
