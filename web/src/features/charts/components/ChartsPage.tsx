import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { EChart, type ChartOption } from '../../../components/EChart';
import { EmptyState, ErrorNotice, ImportHint, isProfileError, Loading } from '../../../components/Notice';
import { PeriodSelector, usePeriod } from '../../../components/PeriodSelector';
import { chartColors, useTheme } from '../../../app/theme';
import { entityPath } from '../../../lib/entity-link';
import { formatCount, formatDuration, formatPeriodStart } from '../../../lib/format';
import { periodLabel, rangeOf, withParam, type Period } from '../../../lib/period';
import { chartsParams, useLeaders, useTop, type Ranking, type TopKind } from '../api/queries';
import { toBump } from '../leaders';
import { describeMovement, movementOf } from '../movement';

const KINDS: { kind: TopKind; title: string }[] = [
  { kind: 'artists', title: 'Top artists' },
  { kind: 'releases', title: 'Top releases' },
  { kind: 'recordings', title: 'Top tracks' },
];

function Choice<T extends string>({
  label,
  param,
  value,
  options,
}: {
  label: string;
  param: string;
  value: T;
  options: { value: T; label: string }[];
}) {
  const [search, setSearch] = useSearchParams();
  return (
    <div className="segmented" role="group" aria-label={label}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          aria-pressed={value === o.value}
          onClick={() => setSearch(withParam(search, param, o.value === options[0]!.value ? null : o.value))}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

export function ChartsPage() {
  const { user = '' } = useParams();
  const [search] = useSearchParams();
  const { period } = usePeriod();
  const { by } = chartsParams(search);
  // The first list tells whether the profile can be read at all (the query is shared with it).
  const first = useTop('artists', user, rangeOf(period), by);
  const head = (
    <div className="page-head">
      <h1>
        Charts <span className="muted">· {user}</span>
      </h1>
      <PeriodSelector />
    </div>
  );
  if (isProfileError(first.error))
    return (
      <>
        {head}
        <ErrorNotice error={first.error} what={`${user}'s profile`} />
      </>
    );
  return (
    <>
      {head}
      <div className="toolbar">
        <Choice
          label="Rank by"
          param="by"
          value={by}
          options={[
            { value: 'plays', label: 'By plays' },
            { value: 'time', label: 'By listening time' },
          ]}
        />
      </div>
      <div className="top-grid">
        {KINDS.map(({ kind, title }) => (
          <TopList key={kind} kind={kind} title={title} user={user} period={period} by={by} />
        ))}
      </div>
      <Leaders user={user} period={period} by={by} />
    </>
  );
}

function TopList({
  kind,
  title,
  user,
  period,
  by,
}: {
  kind: TopKind;
  title: string;
  user: string;
  period: Period;
  by: Ranking;
}) {
  const top = useTop(kind, user, rangeOf(period), by);
  const id = `top-${kind}`;
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {top.isPending ? (
        <Loading what={title.toLowerCase()} />
      ) : top.isError ? (
        <ErrorNotice error={top.error} what={title.toLowerCase()} />
      ) : top.data.entries.length === 0 ? (
        <EmptyState title="Nothing played in this period.">
          {period.kind === 'all_time' ? <ImportHint /> : <p>Choose a longer period, or All time.</p>}
        </EmptyState>
      ) : (
        <>
          <p className="muted small">
            {top.data.previous
              ? `Change against the ${formatCount(daysOf(top.data.previous))} days before.`
              : 'All time: nothing to compare with.'}
          </p>
          <table className="table top-table" aria-labelledby={id}>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">
                  <span className="visually-hidden">Change</span>
                </th>
                <th scope="col">
                  {kind === 'artists' ? 'Artist' : kind === 'releases' ? 'Release' : 'Track'}
                </th>
                <th scope="col" className="num">
                  {by === 'time' ? 'Time' : 'Plays'}
                </th>
              </tr>
            </thead>
            <tbody>
              {top.data.entries.map((e) => {
                const moved = movementOf(e.rank, e.previousRank, Boolean(top.data.previous));
                const { mark, text } = describeMovement(moved, e.previousRank);
                const lead = top.data.entries[0]!;
                const share =
                  by === 'time' ? e.knownMs / Math.max(1, lead.knownMs) : e.plays / Math.max(1, lead.plays);
                return (
                  <tr key={e.id}>
                    <td className="rank">{e.rank}</td>
                    <td className={`move move-${moved.kind}`}>
                      <span aria-hidden="true">{mark}</span>
                      <span className="visually-hidden">{text}</span>
                    </td>
                    <td>
                      <Link
                        className="name"
                        to={entityPath(
                          user,
                          kind === 'artists' ? 'artist' : kind === 'releases' ? 'release' : 'recording',
                          e.id,
                          rangeOf(period),
                        )}
                      >
                        {e.name}
                      </Link>
                      {'artist' in e && typeof e.artist === 'string' ? (
                        <span className="muted small"> {e.artist}</span>
                      ) : null}
                      <span
                        className="bar"
                        style={{ width: `${Math.round(share * 100)}%` }}
                        aria-hidden="true"
                      />
                    </td>
                    <td className="num">
                      {by === 'time' ? formatDuration(e.knownMs) : formatCount(e.plays)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function daysOf(range: { from: string | null; to: string | null }): number {
  if (!range.from || !range.to) return 0;
  return Math.round((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000);
}

function Leaders({ user, period, by }: { user: string; period: Period; by: Ranking }) {
  const [search] = useSearchParams();
  const { theme } = useTheme();
  const { leaders: entity, every } = chartsParams(search);
  const leaders = useLeaders(entity, user, rangeOf(period), by, every);
  const option = useMemo<ChartOption | null>(() => {
    if (!leaders.data) return null;
    const bump = toBump(leaders.data.periods);
    const c = chartColors(theme);
    const labels = bump.periods.map((p) => formatPeriodStart(p, leaders.data.period));
    return {
      color: c.series,
      tooltip: { trigger: 'item' },
      legend: { type: 'scroll', bottom: 0, textStyle: { color: c.text }, pageTextStyle: { color: c.muted } },
      grid: { left: 36, right: 24, top: 16, bottom: 48 },
      xAxis: {
        type: 'category',
        data: labels,
        boundaryGap: false,
        axisLabel: { color: c.muted },
        axisLine: { lineStyle: { color: c.grid } },
      },
      yAxis: {
        type: 'value',
        inverse: true,
        min: 1,
        max: leaders.data.limit,
        interval: 1,
        axisLabel: { color: c.muted, formatter: '#{value}' },
        splitLine: { lineStyle: { color: c.grid } },
      },
      series: bump.lines.map((line) => ({
        type: 'line',
        name: line.name,
        data: line.ranks,
        connectNulls: false,
        symbolSize: 8,
        emphasis: { focus: 'series' },
        tooltip: { valueFormatter: (v: number) => `#${v}` },
      })),
    };
  }, [leaders.data, theme]);
  return (
    <section className="card" aria-labelledby="leaders">
      <h2 id="leaders">Leaders over time</h2>
      <div className="toolbar">
        <Choice
          label="Leaders of"
          param="leaders"
          value={entity}
          options={[
            { value: 'artists', label: 'Artists' },
            { value: 'releases', label: 'Releases' },
            { value: 'recordings', label: 'Tracks' },
          ]}
        />
        <Choice
          label="Every"
          param="every"
          value={every === 'year' ? 'year' : every === 'month' ? 'month' : 'auto'}
          options={[
            { value: 'auto', label: 'Auto' },
            { value: 'month', label: 'Month' },
            { value: 'year', label: 'Year' },
          ]}
        />
      </div>
      {leaders.isPending ? (
        <Loading what="the leaders" />
      ) : leaders.isError ? (
        <ErrorNotice error={leaders.error} what="the leaders" />
      ) : leaders.data.periods.length === 0 || !option ? (
        <EmptyState title="Nothing played in this period." />
      ) : (
        <>
          <p className="muted small">
            The top {leaders.data.limit} of each {leaders.data.period} of {periodLabel(period).toLowerCase()},
            by {by === 'time' ? 'listening time' : 'plays'}.
          </p>
          <EChart
            option={option}
            height={380}
            label={`Rank of the top ${entity} in each ${leaders.data.period}; number 1 in the latest: ${leaders.data.periods.at(-1)?.entries[0]?.name ?? 'none'}`}
          />
        </>
      )}
    </section>
  );
}
