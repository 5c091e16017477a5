/**
 * A year in review, the page a person shares or prints: the minutes as the hero number, the
 * year's numbers, when they listened most, the top 10s and the artists discovered. The year lives in
 * the URL (/user/NAME/review?year=2024, or /user/NAME/year/2024).
 */
import { useId, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Answer } from '../../../api/client';
import { EmptyState, ErrorNotice, ImportHint, isProfileError, Loading } from '../../../components/Notice';
import { entityPath, type EntityKind } from '../../../lib/entity-link';
import { formatCount, formatDateTime, formatDay, formatDuration } from '../../../lib/format';
import { useListenYears, useYearInReview } from '../api/queries';
import {
  chooseYear,
  hourSpan,
  minutesOf,
  monthBars,
  monthName,
  weekdayName,
  yearsWithListens,
} from '../review-shaping';
import './review.css';

type Review = Answer<'/api/stats/year-in-review'>;

export function YearInReviewPage() {
  const { user = '', year: yearInPath } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const id = useId();
  const activity = useListenYears(user);
  const years = activity.data ? yearsWithListens(activity.data.buckets) : [];
  const { year, fallback } = chooseYear(yearInPath ?? search.get('year'), years);
  const review = useYearInReview(user, activity.data ? year : null);

  const head = (
    <div className="page-head no-print-controls">
      <h1>
        Year in review <span className="muted">· {user}</span>
      </h1>
      {years.length > 0 && year !== null ? (
        <div className="toolbar review-controls">
          <label htmlFor={`${id}-year`}>Year</label>
          <select
            id={`${id}-year`}
            value={year}
            onChange={(e) => void navigate(`/user/${encodeURIComponent(user)}/review?year=${e.target.value}`)}
          >
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => print()}>
            Print
          </button>
        </div>
      ) : null}
    </div>
  );
  const failed = activity.error ?? review.error;
  if (isProfileError(failed))
    return (
      <>
        {head}
        <ErrorNotice error={failed} what={`${user}'s profile`} />
      </>
    );
  if (activity.isPending)
    return (
      <>
        {head}
        <Loading what="the years with listens" />
      </>
    );
  if (activity.isError)
    return (
      <>
        {head}
        <ErrorNotice error={activity.error} what="the years with listens" />
      </>
    );
  if (year === null)
    return (
      <>
        {head}
        <EmptyState title="No listens yet: a year in review needs a year of music.">
          <ImportHint />
        </EmptyState>
      </>
    );
  return (
    <>
      {head}
      {fallback ? (
        <p className="notice notice-empty" role="status">
          No listens in {yearInPath ?? search.get('year')}: showing {year}, the latest year with listens.
        </p>
      ) : null}
      {review.isPending ? (
        <Loading what={`${year} in review`} />
      ) : review.isError ? (
        <ErrorNotice error={review.error} what={`${year} in review`} />
      ) : (
        <Review user={user} review={review.data} />
      )}
    </>
  );
}

function Review({ user, review }: { user: string; review: Review }) {
  const range = review.range.spec;
  const minutes = minutesOf(review.knownMs);
  return (
    <article className="review" aria-label={`${user}'s ${review.year} in review`}>
      <section className="review-hero" aria-labelledby="review-hero">
        <p className="review-year">{review.year}</p>
        <h2 id="review-hero" className="review-hero-number">
          <span className="hero-value">{formatCount(minutes)}</span>
          <span className="hero-unit">minutes of music</span>
        </h2>
        <p className="review-hero-line">
          {formatCount(review.plays)} plays on {formatCount(review.activeDays)} days
          {review.top.artists[0] ? (
            <>
              {' '}
              · most of all{' '}
              <Link to={entityPath(user, 'artist', review.top.artists[0].id, range)}>
                {review.top.artists[0].name}
              </Link>
            </>
          ) : null}
        </p>
        {review.unknownTimePlays > 0 ? (
          <p className="muted small">
            {formatCount(review.unknownTimePlays)} plays of unknown length are not in the minutes.
          </p>
        ) : null}
      </section>

      <dl className="stats review-numbers" aria-label="The year's numbers">
        <Stat label="Plays" value={formatCount(review.plays)} />
        <Stat label="Listening time" value={formatDuration(review.knownMs)} />
        <Stat label="Artists" value={formatCount(review.artists)} />
        <Stat label="Releases" value={formatCount(review.releases)} />
        <Stat label="Tracks" value={formatCount(review.recordings)} />
        <Stat label="Days with a listen" value={formatCount(review.activeDays)} />
      </dl>

      <div className="review-highlights">
        <Highlight title="Busiest month">
          {review.topMonth ? (
            <>
              <strong>{monthName(review.topMonth.month)}</strong>
              <span>{formatCount(review.topMonth.plays)} plays</span>
            </>
          ) : (
            '–'
          )}
        </Highlight>
        <Highlight title="Favourite hour">
          {review.topHour ? (
            <>
              <strong>{hourSpan(review.topHour.hour)}</strong>
              <span>{formatCount(review.topHour.plays)} plays</span>
            </>
          ) : (
            '–'
          )}
        </Highlight>
        <Highlight title="Favourite weekday">
          {review.topWeekday ? (
            <>
              <strong>{weekdayName(review.topWeekday.weekday)}</strong>
              <span>{formatCount(review.topWeekday.plays)} plays</span>
            </>
          ) : (
            '–'
          )}
        </Highlight>
        <Highlight title="Longest session">
          {review.longestSession ? (
            <>
              <strong>{formatDuration(review.longestSession.minutes * 60_000)}</strong>
              <span>
                {formatCount(review.longestSession.listens)} listens from{' '}
                {formatDateTime(review.longestSession.start, review.range.tz)}
              </span>
            </>
          ) : (
            '–'
          )}
        </Highlight>
        <Highlight title="Longest streak">
          {review.longestStreak ? (
            <>
              <strong>{formatCount(review.longestStreak.days)} days in a row</strong>
              <span>
                {formatDay(review.longestStreak.start)} – {formatDay(review.longestStreak.end)}
              </span>
            </>
          ) : (
            '–'
          )}
        </Highlight>
        <Highlight title="New artists">
          <strong>{formatCount(review.newArtists.count)}</strong>
          <span>first heard in {review.year}</span>
        </Highlight>
      </div>

      <Months review={review} />

      <div className="top-grid review-tops">
        <TopCard
          title="Top artists"
          kind="artist"
          user={user}
          range={range}
          entries={review.top.artists.map((e) => ({ ...e, artist: null }))}
        />
        <TopCard
          title="Top releases"
          kind="release"
          user={user}
          range={range}
          entries={review.top.releases}
        />
        <TopCard
          title="Top tracks"
          kind="recording"
          user={user}
          range={range}
          entries={review.top.recordings}
        />
      </div>

      <section className="card" aria-labelledby="new-artists">
        <h2 id="new-artists">
          Discovered in {review.year}: {formatCount(review.newArtists.count)} new artists
        </h2>
        {review.newArtists.top.length === 0 ? (
          <p className="muted">Every artist played this year had been played before.</p>
        ) : (
          <ol className="review-list">
            {review.newArtists.top.map((a) => (
              <li key={a.id}>
                <Link to={entityPath(user, 'artist', a.id, range)}>{a.name}</Link>
                <span className="muted small">
                  {' '}
                  first heard {formatDateTime(a.firstListen, review.range.tz)}
                </span>
                <span className="num">{formatCount(a.plays)}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="stat card">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Highlight({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="card highlight" aria-label={title}>
      <h3>{title}</h3>
      <p>{children}</p>
    </section>
  );
}

function Months({ review }: { review: Review }) {
  const bars = monthBars(review.months);
  return (
    <section className="card" aria-labelledby="months">
      <h2 id="months">Plays per month</h2>
      <ol className="month-bars" aria-label={`Plays in each month of ${review.year}`}>
        {bars.map((b) => (
          <li key={b.month} className={b.top ? 'top' : undefined}>
            <span className="month-plays">{formatCount(b.plays)}</span>
            <span
              className="month-bar"
              style={{ height: `${Math.round(b.height * 100)}%` }}
              aria-hidden="true"
            />
            <span className="month-label">
              {b.label}
              <span className="visually-hidden">: {formatCount(b.plays)} plays</span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

function TopCard({
  title,
  kind,
  user,
  range,
  entries,
}: {
  title: string;
  kind: EntityKind;
  user: string;
  range: string;
  entries: { id: number; rank: number; name: string; artist: string | null; plays: number }[];
}) {
  const id = `review-top-${kind}`;
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {entries.length === 0 ? (
        <p className="muted">Nothing this year.</p>
      ) : (
        <ol className="review-list">
          {entries.map((e) => (
            <li key={e.id}>
              <span className="rank">{e.rank}</span>
              <span className="review-name">
                <Link to={entityPath(user, kind, e.id, range)}>{e.name}</Link>
                {e.artist ? <span className="muted small"> {e.artist}</span> : null}
              </span>
              <span className="num">{formatCount(e.plays)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
