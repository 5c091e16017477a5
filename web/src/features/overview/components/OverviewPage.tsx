import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { EChart, type ChartOption } from '../../../components/EChart';
import { EmptyState, ErrorNotice, ImportHint, isProfileError, Loading } from '../../../components/Notice';
import { PeriodSelector, usePeriod } from '../../../components/PeriodSelector';
import { chartColors, useTheme } from '../../../app/theme';
import { entityPath } from '../../../lib/entity-link';
import { formatCount, formatDateTime, formatDay, formatDuration } from '../../../lib/format';
import { calendarDays, periodLabel, rangeOf } from '../../../lib/period';
import { calendarRange, useDailyActivity, usePlayingNow, useRecentListens, useSummary } from '../api/queries';
import { toCalendar } from '../calendar';

export function OverviewPage() {
  const { user = '' } = useParams();
  const { period } = usePeriod();
  const summary = useSummary(user, rangeOf(period));
  const head = (
    <div className="page-head">
      <h1>
        Overview <span className="muted">· {user}</span>
      </h1>
      <PeriodSelector />
    </div>
  );
  if (isProfileError(summary.error))
    return (
      <>
        {head}
        <ErrorNotice error={summary.error} what={`${user}'s profile`} />
      </>
    );
  return (
    <>
      {head}
      <NowPlaying user={user} />
      <section aria-labelledby="totals">
        <h2 id="totals">{periodLabel(period)}</h2>
        {summary.isPending ? (
          <Loading what="the summary" />
        ) : summary.isError ? (
          <ErrorNotice error={summary.error} what="the summary" />
        ) : summary.data.plays === 0 ? (
          <EmptyState title={period.kind === 'all_time' ? 'No listens yet.' : 'No listens in this period.'}>
            {period.kind === 'all_time' ? <ImportHint /> : <p>Choose a longer period, or All time.</p>}
          </EmptyState>
        ) : (
          <dl className="stats">
            <Stat label="Listens" value={formatCount(summary.data.plays)} />
            <Stat
              label="Listening time"
              value={formatDuration(summary.data.knownMs)}
              note={
                summary.data.unknownTimePlays > 0
                  ? `${formatCount(summary.data.unknownTimePlays)} listens of unknown length not counted`
                  : undefined
              }
            />
            <Stat label="Artists" value={formatCount(summary.data.artists)} />
            <Stat label="Releases" value={formatCount(summary.data.releases)} />
            <Stat label="Tracks" value={formatCount(summary.data.recordings)} />
          </dl>
        )}
      </section>
      <ActivityCalendar user={user} />
      <RecentListens user={user} />
    </>
  );
}

function Stat({ label, value, note }: { label: string; value: string; note?: string | undefined }) {
  return (
    <div className="stat card">
      <dt>{label}</dt>
      <dd>{value}</dd>
      {note ? <dd className="muted small">{note}</dd> : null}
    </div>
  );
}

function NowPlaying({ user }: { user: string }) {
  const playing = usePlayingNow(user);
  if (playing.isError) return <ErrorNotice error={playing.error} what="what is playing now" />;
  if (!playing.data) return null;
  return (
    <section className="card now-playing" aria-label="Now playing" aria-live="polite">
      <span className="pulse" aria-hidden="true" />
      <span className="muted">Now playing</span> <strong>{playing.data.track_name}</strong> ·{' '}
      {playing.data.artist_name}
      {playing.data.release_name ? <span className="muted"> · {playing.data.release_name}</span> : null}
    </section>
  );
}

function ActivityCalendar({ user }: { user: string }) {
  const { period } = usePeriod();
  const { theme } = useTheme();
  const today = new Date().toLocaleDateString('en-CA');
  const days = calendarDays(period, today);
  const activity = useDailyActivity(user, calendarRange(period, today));
  const data = useMemo(
    () => (activity.data ? toCalendar(activity.data.buckets, days) : null),
    [activity.data, days.from, days.to],
  );
  const option = useMemo<ChartOption | null>(() => {
    if (!data) return null;
    const c = chartColors(theme);
    return {
      tooltip: {
        formatter: (p: { value: [string, number] }) =>
          `${formatDay(p.value[0])}: ${formatCount(p.value[1])} listens`,
      },
      visualMap: {
        min: 0,
        max: data.max,
        show: false,
        inRange: { color: c.scale },
      },
      calendar: {
        range: data.range,
        top: 24,
        left: 36,
        right: 8,
        cellSize: ['auto', 14],
        itemStyle: { color: c.empty, borderColor: c.border, borderWidth: 2 },
        splitLine: { show: false },
        dayLabel: { color: c.muted, firstDay: 1, nameMap: shortWeekdays() },
        monthLabel: { color: c.muted, nameMap: shortMonths() },
        yearLabel: { show: false },
      },
      series: [{ type: 'heatmap', coordinateSystem: 'calendar', data: data.days }],
    };
  }, [data, theme]);
  return (
    <section aria-labelledby="activity" className="card">
      <h2 id="activity">Activity</h2>
      {activity.isPending ? (
        <Loading what="activity" />
      ) : activity.isError ? (
        <ErrorNotice error={activity.error} what="activity" />
      ) : data && option ? (
        <>
          <p className="muted">
            {formatCount(data.total)} listens on {formatCount(data.activeDays)} days, {formatDay(days.from)} –{' '}
            {formatDay(days.to)}
          </p>
          {data.activeDays === 0 ? (
            <EmptyState title="No listens in this year of days." />
          ) : (
            <div className="scroll-x">
              <EChart
                option={option}
                height={140}
                label={`Listens per day from ${days.from} to ${days.to}; busiest day ${formatCount(data.max)} listens`}
              />
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}

function RecentListens({ user }: { user: string }) {
  const recent = useRecentListens(user);
  return (
    <section aria-labelledby="recent" className="card">
      <h2 id="recent">Recent listens</h2>
      {recent.isPending ? (
        <Loading what="recent listens" />
      ) : recent.isError ? (
        <ErrorNotice error={recent.error} what="recent listens" />
      ) : recent.data.listens.length === 0 ? (
        <EmptyState title="No listens yet.">
          <ImportHint />
        </EmptyState>
      ) : (
        <div className="scroll-x">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Track</th>
                <th scope="col">Artist</th>
                <th scope="col">Release</th>
              </tr>
            </thead>
            <tbody>
              {recent.data.listens.map((l) => (
                <tr key={l.id}>
                  <td className="nowrap">{formatDateTime(l.listenedAt, recent.data.timeZone)}</td>
                  <td>
                    <Link to={entityPath(user, 'recording', l.recordingId)}>{l.track}</Link>
                  </td>
                  <td>
                    <Link to={entityPath(user, 'artist', l.artistId)}>{l.artist}</Link>
                  </td>
                  <td className="muted">
                    {l.release && l.releaseId !== null ? (
                      <Link to={entityPath(user, 'release', l.releaseId)}>{l.release}</Link>
                    ) : (
                      (l.release ?? '–')
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function shortWeekdays(): string[] {
  const format = new Intl.DateTimeFormat(undefined, { weekday: 'short', timeZone: 'UTC' });
  // 2024-01-07 is a Sunday: ECharts wants the names from Sunday.
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 7 + i))));
}

function shortMonths(): string[] {
  const format = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, i) => format.format(new Date(Date.UTC(2024, i, 1))));
}
