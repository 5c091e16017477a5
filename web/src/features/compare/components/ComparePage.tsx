/**
 * Two users side by side: how alike their taste is, the artists both play (each one's share, on
 * mirrored bars), and what each plays that the other does not. /user/NAME/compare?with=OTHER&range=…
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type { Answer } from '../../../api/client';
import { useAuth } from '../../../app/auth';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Notice';
import { PeriodSelector, usePeriod } from '../../../components/PeriodSelector';
import { entityPath } from '../../../lib/entity-link';
import { formatCount } from '../../../lib/format';
import { periodLabel, rangeOf, withParam } from '../../../lib/period';
import { useComparison, useUsers } from '../api/queries';
import {
  describeSimilarity,
  formatShare,
  mirroredRows,
  otherUsers,
  similarityPercent,
} from '../compare-shaping';
import './compare.css';

type Comparison = Answer<'/api/stats/compare'>;

export function ComparePage() {
  const { user = '' } = useParams();
  const [search] = useSearchParams();
  const { period } = usePeriod();
  const other = search.get('with')?.trim() || null;
  const range = rangeOf(period);
  const comparison = useComparison(user, other, range);
  return (
    <>
      <div className="page-head">
        <h1>
          Compare <span className="muted">· {user}</span>
        </h1>
        <PeriodSelector />
      </div>
      <OtherPicker user={user} other={other} />
      {other === null ? (
        <EmptyState title="Pick someone to compare with.">
          <p>
            Type the name of another user with a public profile (they make it public with{' '}
            <code>listenhouse users set NAME --privacy public</code>), then Compare.
          </p>
        </EmptyState>
      ) : comparison.isPending ? (
        <Loading what={`the comparison with ${other}`} />
      ) : comparison.isError ? (
        <ErrorNotice error={comparison.error} what={`the comparison with ${other}`} />
      ) : (
        <Result comparison={comparison.data} range={range} periodText={periodLabel(period)} />
      )}
    </>
  );
}

function OtherPicker({ user, other }: { user: string; other: string | null }) {
  const [search, setSearch] = useSearchParams();
  const { me } = useAuth();
  const admin = me?.role === 'admin';
  const users = useUsers(admin);
  const names = users.data ? otherUsers(users.data.users, user) : null;
  const [text, setText] = useState(other ?? '');
  useEffect(() => setText(other ?? ''), [other]);
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = text.trim();
    setSearch(withParam(search, 'with', name === '' ? null : name));
  };
  return (
    <form className="card compare-picker" onSubmit={submit}>
      <label htmlFor={`${id}-with`}>Compare {user} with</label>
      {names && names.length > 0 ? (
        <select id={`${id}-with`} value={text} onChange={(e) => setText(e.target.value)}>
          <option value="">Choose a user…</option>
          {names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={`${id}-with`}
          type="text"
          value={text}
          placeholder="a user name"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
        />
      )}
      <button type="submit" disabled={text.trim() === ''}>
        Compare
      </button>
      {users.isError ? <ErrorNotice error={users.error} what="the list of users" /> : null}
    </form>
  );
}

function Result({
  comparison: c,
  range,
  periodText,
}: {
  comparison: Comparison;
  range: string;
  periodText: string;
}) {
  const percent = similarityPercent(c.similarity);
  const rows = mirroredRows(c.shared.top);
  return (
    <>
      <section className="card similarity" aria-labelledby="similarity">
        <h2 id="similarity" className="visually-hidden">
          Taste similarity
        </h2>
        <p className="similarity-figure">
          <strong>{percent === null ? '–' : formatShare(percent / 100)}</strong>
          <span>taste similarity</span>
        </p>
        <div>
          <p className="similarity-text">{describeSimilarity(c.similarity, c.other)}</p>
          <p className="muted small">
            {periodText}: {c.user} played {formatCount(c.artists)} artists, {c.other}{' '}
            {formatCount(c.otherArtists)};{' '}
            <strong className="shared-count">{formatCount(c.shared.count)}</strong> artists both played. The
            figure compares how each of you divides your plays among artists: 100 % would be the same artists
            in the same proportions, 0 % no artist in common.
          </p>
        </div>
      </section>

      <section className="card" aria-labelledby="shared">
        <h2 id="shared">Artists you share</h2>
        {rows.length === 0 ? (
          <p className="muted">No artist in common in this period.</p>
        ) : (
          <>
            <p className="muted small">
              Each bar is the artist’s share of that person’s artist plays, both on one scale.
            </p>
            <table className="mirrored" aria-describedby="shared">
              <thead>
                <tr>
                  <th scope="col" className="mirrored-left">
                    {c.user}
                  </th>
                  <th scope="col" className="mirrored-name">
                    Artist
                  </th>
                  <th scope="col">{c.other}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td className="mirrored-left">
                      <span className="mirrored-cell">
                        <span className="mirrored-value">
                          {formatShare(r.share)} <span className="muted small">({formatCount(r.plays)})</span>
                        </span>
                        <span className="mirrored-track mine" aria-hidden="true">
                          <span className="mirrored-bar" style={{ width: `${r.width * 100}%` }} />
                        </span>
                      </span>
                    </td>
                    <th scope="row" className="mirrored-name">
                      <Link to={entityPath(c.user, 'artist', r.id, range)}>{r.name}</Link>
                    </th>
                    <td>
                      <span className="mirrored-cell">
                        <span className="mirrored-track theirs" aria-hidden="true">
                          <span className="mirrored-bar" style={{ width: `${r.otherWidth * 100}%` }} />
                        </span>
                        <span className="mirrored-value">
                          {formatShare(r.otherShare)}{' '}
                          <span className="muted small">({formatCount(r.otherPlays)})</span>
                        </span>
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </section>

      <div className="top-grid">
        <OnlyOne
          title={`Only ${c.user} plays`}
          user={c.user}
          range={range}
          artists={c.onlyMine.map((a) => ({ id: a.id, name: a.name, plays: a.plays }))}
        />
        <OnlyOne
          title={`Only ${c.other} plays`}
          user={c.other}
          range={range}
          artists={c.onlyTheirs.map((a) => ({ id: a.id, name: a.name, plays: a.otherPlays }))}
        />
      </div>
    </>
  );
}

function OnlyOne({
  title,
  user,
  range,
  artists,
}: {
  title: string;
  user: string;
  range: string;
  artists: { id: number; name: string; plays: number }[];
}) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {artists.length === 0 ? (
        <p className="muted">Nothing: every artist played is shared.</p>
      ) : (
        <ol className="only-list">
          {artists.map((a) => (
            <li key={a.id}>
              <Link to={entityPath(user, 'artist', a.id, range)}>{a.name}</Link>
              <span className="num">
                {formatCount(a.plays)} <span className="muted small">plays</span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
