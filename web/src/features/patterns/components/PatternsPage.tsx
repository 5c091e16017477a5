import { useMemo } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { EChart, type ChartOption } from '../../../components/EChart';
import { EmptyState, ErrorNotice, ImportHint, isProfileError, Loading } from '../../../components/Notice';
import { PeriodSelector, usePeriod } from '../../../components/PeriodSelector';
import { chartColors, useTheme } from '../../../app/theme';
import { formatCount, formatDay } from '../../../lib/format';
import { rangeOf, withParam } from '../../../lib/period';
import {
  BREAKDOWNS,
  useBreakdown,
  useClock,
  useSessions,
  useShortPlays,
  useStreaks,
  type BreakdownField,
} from '../api/queries';
import { GAPS, hourSpan, parseGap, splitWeek, toBars, toHeatmap, weekdayNames } from '../patterns';
import '../patterns.css';

const percent = (share: number) =>
  new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(share);
const decimal = (n: number) => new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(n);
const minutes = (n: number) =>
  new Intl.NumberFormat(undefined, {
    style: 'unit',
    unit: 'minute',
    unitDisplay: 'short',
    maximumFractionDigits: 0,
  }).format(n);
/** An instant in the zone the statistics were computed in (the user's own by default). */
const instant = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );

export function PatternsPage() {
  const { user = '' } = useParams();
  const { period } = usePeriod();
  const range = rangeOf(period);
  const clock = useClock(user, range);
  const head = (
    <div className="page-head">
      <h1>
        Clock and patterns <span className="muted">· {user}</span>
      </h1>
      <PeriodSelector />
    </div>
  );
  if (isProfileError(clock.error))
    return (
      <>
        {head}
        <ErrorNotice error={clock.error} what={`${user}'s profile`} />
      </>
    );
  if (clock.data?.total === 0)
    return (
      <>
        {head}
        <EmptyState title={period.kind === 'all_time' ? 'No listens yet.' : 'No listens in this period.'}>
          {period.kind === 'all_time' ? <ImportHint /> : <p>Choose a longer period, or All time.</p>}
        </EmptyState>
      </>
    );
  return (
    <>
      {head}
      <ClockCard clock={clock} />
      <div className="patterns-grid">
        <WeekSplitCard clock={clock} />
        <StreaksCard user={user} range={range} />
        <SessionsCard user={user} range={range} />
        <ShortPlaysCard user={user} range={range} />
      </div>
      <section aria-labelledby="breakdowns">
        <h2 id="breakdowns">Where and how you listened</h2>
        <div className="patterns-grid">
          {BREAKDOWNS.map(([field, title]) => (
            <BreakdownCard key={field} user={user} range={range} field={field} title={title} />
          ))}
        </div>
      </section>
    </>
  );
}

type ClockQuery = ReturnType<typeof useClock>;

function ClockCard({ clock }: { clock: ClockQuery }) {
  const { theme } = useTheme();
  const heat = useMemo(() => (clock.data ? toHeatmap(clock.data.plays) : null), [clock.data]);
  const days = useMemo(() => weekdayNames(), []);
  const longDays = useMemo(() => weekdayNames(undefined, 'long'), []);
  const option = useMemo<ChartOption | null>(() => {
    if (!heat) return null;
    const c = chartColors(theme);
    return {
      tooltip: {
        formatter: (p: { value: [number, number, number] }) =>
          `${longDays[p.value[1]] ?? ''} ${hourSpan(p.value[0])}: ${formatCount(p.value[2])} listens`,
      },
      grid: { top: 8, left: 48, right: 8, bottom: 28 },
      xAxis: {
        type: 'category',
        data: Array.from({ length: 24 }, (_, h) => String(h)),
        splitArea: { show: false },
        axisLabel: { color: c.muted },
        axisLine: { lineStyle: { color: c.grid } },
      },
      yAxis: {
        type: 'category',
        data: days,
        inverse: true,
        axisLabel: { color: c.muted },
        axisLine: { lineStyle: { color: c.grid } },
      },
      visualMap: { min: 0, max: heat.max, show: false, inRange: { color: [c.empty, ...c.scale] } },
      series: [
        {
          type: 'heatmap',
          data: heat.data,
          itemStyle: { borderColor: c.border, borderWidth: 2 },
          emphasis: { itemStyle: { borderColor: c.text } },
        },
      ],
    };
  }, [heat, theme, days, longDays]);
  return (
    <section aria-labelledby="clock" className="card">
      <h2 id="clock">Listening clock</h2>
      {clock.isPending ? (
        <Loading what="the listening clock" />
      ) : clock.isError ? (
        <ErrorNotice error={clock.error} what="the listening clock" />
      ) : heat && option ? (
        <>
          <p className="muted" id="clock-summary">
            <span data-testid="clock-total">{formatCount(heat.total)}</span> listens by weekday and hour, in{' '}
            {clock.data.range.tz} time.
            {heat.peak ? (
              <>
                {' '}
                Busiest:{' '}
                <strong data-testid="clock-peak">
                  {longDays[heat.peak.weekday]} {hourSpan(heat.peak.hour)}
                </strong>{' '}
                with <span data-testid="clock-peak-plays">{formatCount(heat.peak.plays)}</span> listens.
              </>
            ) : null}
          </p>
          <div className="scroll-x">
            <EChart
              option={option}
              height={260}
              label={`Listens per weekday and hour in ${clock.data.range.tz}${
                heat.peak
                  ? `; busiest ${longDays[heat.peak.weekday]} ${hourSpan(heat.peak.hour)} with ${formatCount(heat.peak.plays)} listens`
                  : ''
              }`}
            />
          </div>
        </>
      ) : null}
    </section>
  );
}

function Figure({ label, value, note, id }: { label: string; value: string; note?: string; id?: string }) {
  return (
    <div className="figure">
      <dt>{label}</dt>
      <dd data-testid={id}>{value}</dd>
      {note ? <dd className="muted small">{note}</dd> : null}
    </div>
  );
}

function WeekSplitCard({ clock }: { clock: ClockQuery }) {
  const split = useMemo(() => (clock.data ? splitWeek(clock.data.plays) : null), [clock.data]);
  const hour = (h: number | null) => (h === null ? '–' : hourSpan(h));
  return (
    <section aria-labelledby="week-split" className="card">
      <h2 id="week-split">Weekdays and weekends</h2>
      {clock.isPending ? (
        <Loading what="the week" />
      ) : clock.isError ? (
        <ErrorNotice error={clock.error} what="the week" />
      ) : split ? (
        <>
          <dl className="figures">
            <Figure
              label="Monday to Friday"
              id="weekday-plays"
              value={formatCount(split.weekday.plays)}
              note={`${percent(split.weekday.share)} · busiest ${hour(split.weekday.busiestHour)}`}
            />
            <Figure
              label="Saturday and Sunday"
              id="weekend-plays"
              value={formatCount(split.weekend.plays)}
              note={`${percent(split.weekend.share)} · busiest ${hour(split.weekend.busiestHour)}`}
            />
          </dl>
          <p className="muted small">
            Per day of each kind (÷ 5 and ÷ 2): {decimal(split.weekday.perDay)} on a weekday,{' '}
            {decimal(split.weekend.perDay)} on a weekend day.
          </p>
        </>
      ) : null}
    </section>
  );
}

function StreaksCard({ user, range }: { user: string; range: string }) {
  const streaks = useStreaks(user, range);
  const span = (s: { start: string; end: string }) =>
    s.start === s.end ? formatDay(s.start) : `${formatDay(s.start)} – ${formatDay(s.end)}`;
  const days = (n: number) => `${formatCount(n)} ${n === 1 ? 'day' : 'days'}`;
  return (
    <section aria-labelledby="streaks" className="card">
      <h2 id="streaks">Streaks</h2>
      {streaks.isPending ? (
        <Loading what="streaks" />
      ) : streaks.isError ? (
        <ErrorNotice error={streaks.error} what="streaks" />
      ) : (
        <>
          <dl className="figures">
            <Figure
              label="Current streak"
              id="streak-current"
              value={days(streaks.data.current?.days ?? 0)}
              note={streaks.data.current ? span(streaks.data.current) : 'no listen today or yesterday'}
            />
            <Figure
              label="Longest streak"
              id="streak-longest"
              value={days(streaks.data.longest?.days ?? 0)}
              {...(streaks.data.longest ? { note: span(streaks.data.longest) } : {})}
            />
          </dl>
          <p className="muted small">
            Days in a row with at least one listen. {formatCount(streaks.data.activeDays)} days with listens
            in the period.
          </p>
        </>
      )}
    </section>
  );
}

function SessionsCard({ user, range }: { user: string; range: string }) {
  const [search, setSearch] = useSearchParams();
  const gap = parseGap(search.get('gap'));
  const sessions = useSessions(user, range, gap);
  const gapLabel = (g: number) => (g < 60 ? `${g} min` : `${g / 60} h`);
  return (
    <section aria-labelledby="sessions" className="card">
      <h2 id="sessions">Sessions</h2>
      <div className="segmented" role="group" aria-label="A session ends after a silence of">
        {GAPS.map((g) => (
          <button
            key={g}
            type="button"
            aria-pressed={gap === g}
            onClick={() => setSearch(withParam(search, 'gap', g === 30 ? null : String(g)))}
          >
            {gapLabel(g)}
          </button>
        ))}
      </div>
      {sessions.isPending ? (
        <Loading what="sessions" />
      ) : sessions.isError ? (
        <ErrorNotice error={sessions.error} what="sessions" />
      ) : (
        <>
          <dl className="figures">
            <Figure label="Sessions" id="sessions-count" value={formatCount(sessions.data.count)} />
            <Figure
              label="Mean length"
              value={sessions.data.minutes ? minutes(sessions.data.minutes.mean) : '–'}
              {...(sessions.data.minutes ? { note: `median ${minutes(sessions.data.minutes.median)}` } : {})}
            />
            <Figure
              label="Listens per session"
              value={sessions.data.listens ? decimal(sessions.data.listens.mean) : '–'}
              {...(sessions.data.listens
                ? { note: `mean; median ${decimal(sessions.data.listens.median)}` }
                : {})}
            />
          </dl>
          {sessions.data.longest ? (
            <p className="small">
              Longest: {instant(sessions.data.longest.start, sessions.data.range.tz)} for{' '}
              {minutes(sessions.data.longest.minutes)}, {formatCount(sessions.data.longest.listens)} listens.
            </p>
          ) : null}
          <p className="muted small">A silence of more than {gapLabel(gap)} ends a session.</p>
        </>
      )}
    </section>
  );
}

function ShortPlaysCard({ user, range }: { user: string; range: string }) {
  const short = useShortPlays(user, range);
  return (
    <section aria-labelledby="short-plays" className="card">
      <h2 id="short-plays">Skips</h2>
      {short.isPending ? (
        <Loading what="short plays" />
      ) : short.isError ? (
        <ErrorNotice error={short.error} what="short plays" />
      ) : short.data.share === null ? (
        <p>
          Your sources did not record how long each play lasted, so skips cannot be told apart: there is
          nothing to show here.
        </p>
      ) : (
        <>
          <dl className="figures">
            <Figure
              label="Short plays"
              id="short-plays-count"
              value={formatCount(short.data.short)}
              note={`${percent(short.data.share)} of ${formatCount(short.data.timed)} plays with a time played`}
            />
          </dl>
          <p className="muted small">
            No source records a skip as such, so a play counts as short when it lasted under 30 seconds or
            under half the track. Plays under 30 s are left out at import already (
            <code>listenhouse rejected --skipped</code> lists them).
            {short.data.timed < short.data.plays
              ? ` ${formatCount(short.data.plays - short.data.timed)} plays without a time played are not counted.`
              : ''}
          </p>
        </>
      )}
    </section>
  );
}

function BreakdownCard({
  user,
  range,
  field,
  title,
}: {
  user: string;
  range: string;
  field: BreakdownField;
  title: string;
}) {
  const breakdown = useBreakdown(user, range, field);
  const bars = useMemo(
    () => (breakdown.data ? toBars(breakdown.data.entries, 8, 'all others') : null),
    [breakdown.data],
  );
  const id = `breakdown-${field}`;
  return (
    <section aria-labelledby={id} className="card">
      <h3 id={id}>{title}</h3>
      {breakdown.isPending ? (
        <Loading what={title.toLowerCase()} />
      ) : breakdown.isError ? (
        <ErrorNotice error={breakdown.error} what={`plays by ${title.toLowerCase()}`} />
      ) : bars && bars.length > 0 ? (
        <table className="table bars">
          <thead>
            <tr>
              <th scope="col">{title}</th>
              <th scope="col" className="num">
                Listens
              </th>
              <th scope="col" className="num">
                Share
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((b) => (
              <tr key={b.value}>
                <td className="bar-cell">
                  <span className="bar-fill" style={{ width: `${b.width * 100}%` }} aria-hidden="true" />
                  <span className="bar-label">{b.value}</span>
                </td>
                <td className="num">{formatCount(b.plays)}</td>
                <td className="num">{percent(b.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No listens in this period.</p>
      )}
    </section>
  );
}
