/**
 * The Catalogue page (/user/NAME/catalogue): how much of the listening is matched to MusicBrainz,
 * the genres that matching and enrichment found (top genres, and their mix by hour of day), and the
 * matching view — the most played tracks without a match, with the best candidate to link in one
 * click, a MusicBrainz MBID or URL to link by hand, and matched tracks to check or unlink.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { useAuth } from '../../../app/auth';
import { canChange } from '../../../app/access';
import { chartColors, useTheme } from '../../../app/theme';
import { EChart, type ChartOption } from '../../../components/EChart';
import { EmptyState, ErrorNotice, isProfileError, Loading } from '../../../components/Notice';
import { PeriodSelector, usePeriod } from '../../../components/PeriodSelector';
import { formatCount } from '../../../lib/format';
import { periodLabel, rangeOf } from '../../../lib/period';
import { useCatalogStatus, useGenres, useLink, useUnlink, useUnmatched } from '../api/queries';
import {
  HOUR_LABELS,
  hourShares,
  mbidFrom,
  METHOD_LABELS,
  STATUS_LABELS,
  statusRows,
} from '../catalog-shaping';
import './catalog.css';

const counted = (n: number, what: string) => `${formatCount(n)} ${what}${n === 1 ? '' : 's'}`;

const percent = (share: number) =>
  new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(share);

export function CataloguePage() {
  const { user = '' } = useParams();
  const { me } = useAuth();
  const status = useCatalogStatus();
  const head = (
    <div className="page-head">
      <h1>
        Catalogue <span className="muted">· {user}</span>
      </h1>
      <PeriodSelector />
    </div>
  );
  return (
    <>
      {head}
      <section className="card" aria-labelledby="coverage">
        <h2 id="coverage">Matched to MusicBrainz</h2>
        {status.isPending ? (
          <Loading what="the catalogue" />
        ) : status.isError ? (
          <ErrorNotice error={status.error} what="the catalogue" />
        ) : (
          <Coverage status={status.data} />
        )}
      </section>
      <Genres user={user} />
      <Matching user={user} mayChange={canChange(me, user)} />
    </>
  );
}

type Status = NonNullable<ReturnType<typeof useCatalogStatus>['data']>;

function Coverage({ status }: { status: Status }) {
  const c = status.catalogue;
  const rows = statusRows(status.matches);
  return (
    <>
      <p>
        <strong>{percent(status.listensMatched)}</strong> of all {formatCount(status.listens)} listens on this
        server have their recording
        {c.artists + c.recordings === 0 && status.listensMatched > 0
          ? ' (the MusicBrainz IDs their sources sent with them)'
          : ''}
        . The catalogue holds {counted(c.artists, 'artist')}, {counted(c.releaseGroups, 'album')} and{' '}
        {counted(c.recordings, 'recording')}.
      </p>
      {c.artists + c.recordings === 0 ? (
        <p className="muted">
          Import the MusicBrainz dumps on the server to match more:{' '}
          <code>listenhouse catalog import artist.tar.xz recording.tar.xz</code>
        </p>
      ) : null}
      {rows.length > 0 ? (
        <table className="table" aria-label="Listens by match">
          <thead>
            <tr>
              <th scope="col">Match</th>
              <th scope="col" className="num">
                Listens
              </th>
              <th scope="col" className="num">
                Part
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.label}>
                <td>{r.label}</td>
                <td className="num">{formatCount(r.listens)}</td>
                <td className="num">{percent(r.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

function Genres({ user }: { user: string }) {
  const { period } = usePeriod();
  const genres = useGenres(user, rangeOf(period));
  const { theme } = useTheme();
  const shares = useMemo(() => hourShares(genres.data?.byHour ?? []), [genres.data]);
  const option = useMemo<ChartOption>(() => {
    const c = chartColors(theme);
    const data = shares.flatMap((g, y) => g.shares.map((v, x) => [x, y, v]));
    return {
      tooltip: { position: 'top', valueFormatter: (v: number) => `${v} % of the hour` },
      grid: { left: 110, right: 16, top: 8, bottom: 56 },
      xAxis: {
        type: 'category',
        data: HOUR_LABELS,
        axisLabel: { color: c.muted },
        splitArea: { show: false },
      },
      yAxis: { type: 'category', data: shares.map((s) => s.genre), axisLabel: { color: c.text } },
      visualMap: { min: 0, max: 100, show: false, inRange: { color: c.scale } },
      series: [
        {
          type: 'heatmap',
          name: 'Share of the hour',
          data,
          itemStyle: { borderColor: c.border, borderWidth: 1 },
        },
      ],
    };
  }, [shares, theme]);
  if (isProfileError(genres.error)) return <ErrorNotice error={genres.error} what={`${user}'s genres`} />;
  return (
    <section className="card" aria-labelledby="genres">
      <h2 id="genres">Genres · {periodLabel(period)}</h2>
      {genres.isPending ? (
        <Loading what="the genres" />
      ) : genres.isError ? (
        <ErrorNotice error={genres.error} what="the genres" />
      ) : genres.data.genres.length === 0 ? (
        <EmptyState title="No genres yet.">
          <p>
            Genres come with matching and enrichment: <code>listenhouse catalog match</code>, then{' '}
            <code>listenhouse enrich --only genres</code> (or <code>enrich.background = true</code> on the
            server).
          </p>
        </EmptyState>
      ) : (
        <>
          <p className="muted small">
            {formatCount(genres.data.withGenre)} of {formatCount(genres.data.listens)} listens have a genre.
            Each listen counts once, shared among its genres.
          </p>
          <ol className="genre-bars">
            {genres.data.genres.map((g) => (
              <li key={g.genre}>
                <span className="genre-name">
                  {g.genre}
                  {g.guessedShare > 0.5 ? <span className="muted small"> (guessed)</span> : null}
                </span>
                <span
                  className="genre-bar"
                  style={{ width: `${Math.max(2, g.share * 100)}%` }}
                  aria-hidden="true"
                />
                <span className="num">{percent(g.share)}</span>
              </li>
            ))}
          </ol>
          <h3>By hour of the day</h3>
          <EChart
            option={option}
            height={Math.max(160, 36 * shares.length + 64)}
            label={`The mix of ${shares.map((s) => s.genre).join(', ')} in each hour of the day`}
          />
        </>
      )}
    </section>
  );
}

function Matching({ user, mayChange }: { user: string; mayChange: boolean }) {
  const [query, setQuery] = useState({ search: '', all: false, offset: 0 });
  const [text, setText] = useState('');
  const list = useUnmatched(user, query);
  const link = useLink();
  const unlink = useUnlink();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ ...query, search: text.trim(), offset: 0 });
  };
  if (isProfileError(list.error)) return <ErrorNotice error={list.error} what={`${user}'s tracks`} />;
  return (
    <section className="card" aria-labelledby="matching">
      <h2 id="matching">{query.all ? 'Tracks and their matches' : 'Tracks without a match'}</h2>
      <form className="filters" role="search" aria-label="Find a track" onSubmit={submit}>
        <div className="segmented" role="group" aria-label="Which tracks">
          <button
            type="button"
            aria-pressed={!query.all}
            onClick={() => setQuery({ ...query, all: false, offset: 0 })}
          >
            Without a match
          </button>
          <button
            type="button"
            aria-pressed={query.all}
            onClick={() => setQuery({ ...query, all: true, offset: 0 })}
          >
            All
          </button>
        </div>
        <label>
          Search{' '}
          <input
            type="search"
            value={text}
            placeholder="artist or title"
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <button type="submit">Search</button>
      </form>
      {link.isError ? <ErrorNotice error={link.error} what="" title="Could not link." /> : null}
      {unlink.isError ? <ErrorNotice error={unlink.error} what="" title="Could not unlink." /> : null}
      {list.isPending ? (
        <Loading what="the tracks" />
      ) : list.isError ? (
        <ErrorNotice error={list.error} what="the tracks" />
      ) : list.data.entries.length === 0 ? (
        <EmptyState title={query.all ? 'No tracks.' : 'Every track has its recording.'} />
      ) : (
        <>
          <div className="scroll-x">
            <table className="table matching" aria-labelledby="matching">
              <thead>
                <tr>
                  <th scope="col">Track</th>
                  <th scope="col" className="num">
                    Plays
                  </th>
                  <th scope="col">Match</th>
                  {mayChange ? <th scope="col">Link</th> : null}
                </tr>
              </thead>
              <tbody>
                {list.data.entries.map((e) => (
                  <tr key={e.tuple}>
                    <td>
                      {e.track} <span className="muted small">· {e.artist}</span>
                      {e.release ? <span className="muted small"> · {e.release}</span> : null}
                    </td>
                    <td className="num">{formatCount(e.plays)}</td>
                    <td>
                      {STATUS_LABELS[e.status] ?? e.status}
                      {e.method !== 'none' ? (
                        <span className="muted small"> · {METHOD_LABELS[e.method] ?? e.method}</span>
                      ) : null}
                      {e.confidence > 0 && e.confidence < 1 ? (
                        <span className="muted small"> · {percent(e.confidence)} sure</span>
                      ) : null}
                      {e.suggestion ? (
                        <div className="small">
                          Best candidate: {e.suggestion.title}{' '}
                          <span className="muted">· {e.suggestion.artist}</span> (
                          {percent(e.suggestion.confidence)})
                        </div>
                      ) : null}
                    </td>
                    {mayChange ? (
                      <td>
                        <LinkCell
                          entry={e}
                          busy={link.isPending || unlink.isPending}
                          onLink={(recordingMbid) => link.mutate({ tuple: e.tuple, recordingMbid })}
                          onUnlink={() => unlink.mutate(e.tuple)}
                        />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">
            {query.offset + 1}-{query.offset + list.data.entries.length} of {formatCount(list.data.total)}{' '}
            {list.data.next !== null ? (
              <button
                type="button"
                className="link-button"
                onClick={() => setQuery({ ...query, offset: list.data.next ?? 0 })}
              >
                Next page
              </button>
            ) : null}
          </p>
        </>
      )}
    </section>
  );
}

type Entry = NonNullable<ReturnType<typeof useUnmatched>['data']>['entries'][number];

function LinkCell({
  entry,
  busy,
  onLink,
  onUnlink,
}: {
  entry: Entry;
  busy: boolean;
  onLink: (mbid: string) => void;
  onUnlink: () => void;
}) {
  const [text, setText] = useState('');
  const mbid = mbidFrom(text);
  const hasRecording = entry.recordingMbid !== null;
  return (
    <div className="link-cell">
      {entry.suggestion && !hasRecording ? (
        <button type="button" disabled={busy} onClick={() => onLink(entry.suggestion!.recordingMbid)}>
          Link to the candidate
        </button>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (mbid) onLink(mbid);
        }}
      >
        <label>
          <span className="visually-hidden">MusicBrainz recording for {entry.track}</span>
          <input
            type="text"
            value={text}
            placeholder="recording MBID or URL"
            aria-invalid={text.trim() !== '' && !mbid}
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <button type="submit" disabled={busy || !mbid}>
          Link
        </button>
      </form>
      {hasRecording || entry.status === 'partial' ? (
        <button type="button" className="danger" disabled={busy} onClick={onUnlink}>
          Unlink
        </button>
      ) : null}
    </div>
  );
}
