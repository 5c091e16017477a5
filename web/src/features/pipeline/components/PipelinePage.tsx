/**
 * The Pipeline page (/user/NAME/pipeline?day=YYYY-MM-DD): the batch metrics of a day (most-played
 * artists and tracks, genres by hour, listens by country, platform and device, likes, shares and
 * skips per track), and the pipeline's own monitoring: an alert line, each metrics run with its
 * phases and volumes, the Kafka consumers' lag over time. Server-wide, an admin's (the API says so).
 */
import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { chartColors, useTheme } from '../../../app/theme';
import { EChart, type ChartOption } from '../../../components/EChart';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Notice';
import { formatCount } from '../../../lib/format';
import { useConsumerState, useGoldMetrics, useMetricRuns } from '../api/queries';
import {
  alertLine,
  breakdownShares,
  genreHeatmap,
  lagSeries,
  phasesText,
  type Dimension,
} from '../pipeline-shaping';
import '../pipeline.css';

const percent = (share: number) =>
  new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(share);
const hourSpan = (h: number) =>
  `${String(h).padStart(2, '0')}:00–${String((h + 1) % 24).padStart(2, '0')}:00`;

export function PipelinePage() {
  const [search, setSearch] = useSearchParams();
  const day = search.get('day') ?? undefined;
  const metrics = useGoldMetrics(day ? { from: day, to: day } : {});
  const shown = metrics.data?.from ?? null;
  return (
    <>
      <div className="page-head">
        <h1>
          Pipeline <span className="muted">· every user on this server</span>
        </h1>
        {metrics.data && metrics.data.days.length > 0 ? (
          <label className="day-picker">
            Day{' '}
            <select
              value={shown ?? ''}
              onChange={(e) => setSearch({ day: e.target.value }, { replace: true })}
            >
              {metrics.data.days.map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>
      <Alert />
      {metrics.isPending ? (
        <Loading what="the batch metrics" />
      ) : metrics.isError ? (
        <ErrorNotice error={metrics.error} what="the batch metrics" />
      ) : shown === null ? (
        <section className="card">
          <EmptyState title="No batch metrics yet">
            <p>
              Compute them with <code>listenhouse metrics run</code> on the server (after{' '}
              <code>listenhouse stream consume</code> has stored some events).
            </p>
          </EmptyState>
        </section>
      ) : (
        <Gold data={metrics.data} />
      )}
      <Runs />
      <Lag />
    </>
  );
}

function Alert() {
  const runs = useMetricRuns();
  const line = runs.data ? alertLine(runs.data.runs) : null;
  if (!line) return null;
  return (
    <p className="pipeline-alert" role="alert" data-testid="pipeline-alert">
      {line}
    </p>
  );
}

type Gold = NonNullable<ReturnType<typeof useGoldMetrics>['data']>;

function Gold({ data }: { data: Gold }) {
  const shares = useMemo(() => breakdownShares(data.breakdowns), [data.breakdowns]);
  return (
    <>
      <div className="pipeline-grid">
        <section className="card" aria-labelledby="top-artists">
          <h2 id="top-artists">Most-played artists</h2>
          <RankTable
            label="Most-played artists"
            rows={data.topArtists.map((a) => ({ key: a.artist, name: a.artist, plays: a.plays }))}
          />
        </section>
        <section className="card" aria-labelledby="top-tracks">
          <h2 id="top-tracks">Most-played tracks</h2>
          <RankTable
            label="Most-played tracks"
            rows={data.topTracks.map((t) => ({
              key: `${t.artist}\u0000${t.track}`,
              name: `${t.artist} – ${t.track}`,
              plays: t.plays,
            }))}
          />
        </section>
      </div>
      <GenreHours cells={data.genreHours} />
      <section className="card" aria-labelledby="breakdowns">
        <h2 id="breakdowns">Listens by country, platform and device</h2>
        <div className="pipeline-grid thirds">
          {(['country', 'platform', 'device'] as const).map((d) => (
            <Breakdown key={d} dimension={d} rows={shares[d]} />
          ))}
        </div>
      </section>
      <TrackActions rows={data.trackActions} />
    </>
  );
}

function RankTable({ label, rows }: { label: string; rows: { key: string; name: string; plays: number }[] }) {
  if (rows.length === 0) return <p className="muted">Nothing this day.</p>;
  return (
    <table className="table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col" className="num">
            #
          </th>
          <th scope="col">Name</th>
          <th scope="col" className="num">
            Plays
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={r.key}>
            <td className="num">{i + 1}</td>
            <td>{r.name}</td>
            <td className="num">{formatCount(r.plays)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const DIMENSION_TITLES: Record<Dimension, string> = {
  country: 'Country',
  platform: 'Platform',
  device: 'Device',
};

function Breakdown({
  dimension,
  rows,
}: {
  dimension: Dimension;
  rows: { value: string; plays: number; share: number }[];
}) {
  const title = DIMENSION_TITLES[dimension];
  return (
    <div>
      <h3>{title}</h3>
      {rows.length === 0 ? (
        <p className="muted">None recorded.</p>
      ) : (
        <table className="table" aria-label={`Listens by ${dimension}`}>
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
            {rows.map((r) => (
              <tr key={r.value}>
                <td>{r.value}</td>
                <td className="num">{formatCount(r.plays)}</td>
                <td className="num">{percent(r.share)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function GenreHours({ cells }: { cells: Gold['genreHours'] }) {
  const { theme } = useTheme();
  const heat = useMemo(() => genreHeatmap(cells), [cells]);
  const option = useMemo<ChartOption>(() => {
    const c = chartColors(theme);
    return {
      tooltip: {
        formatter: (p: { value: [number, number, number] }) =>
          `${heat.genres[p.value[1]] ?? ''}, ${hourSpan(p.value[0])} UTC: ${formatCount(p.value[2])} listens`,
      },
      grid: { top: 8, left: 90, right: 8, bottom: 28 },
      xAxis: {
        type: 'category',
        data: Array.from({ length: 24 }, (_, h) => String(h)),
        axisLabel: { color: c.muted },
        axisLine: { lineStyle: { color: c.grid } },
      },
      yAxis: {
        type: 'category',
        data: heat.genres,
        inverse: true,
        axisLabel: { color: c.muted },
        axisLine: { lineStyle: { color: c.grid } },
      },
      visualMap: { min: 0, max: heat.scaleMax, show: false, inRange: { color: [c.empty, ...c.scale] } },
      series: [
        {
          type: 'heatmap',
          data: heat.data,
          itemStyle: { borderColor: c.border, borderWidth: 2 },
        },
      ],
    };
  }, [heat, theme]);
  return (
    <section className="card" aria-labelledby="genre-hours">
      <h2 id="genre-hours">Genres by hour (UTC)</h2>
      {heat.peak === null ? (
        <p className="muted">No listen event of this day carried a genre.</p>
      ) : (
        <>
          <p className="muted">
            Busiest: <strong data-testid="genre-peak">{heat.peak.genre}</strong> at {hourSpan(heat.peak.hour)}{' '}
            with <span data-testid="genre-peak-plays">{formatCount(heat.peak.plays)}</span> listens.
          </p>
          <div className="scroll-x">
            <EChart
              option={option}
              height={Math.max(120, 36 + heat.genres.length * 28)}
              label={`Listens per genre and hour (UTC); busiest ${heat.peak.genre} at ${hourSpan(heat.peak.hour)}`}
            />
          </div>
        </>
      )}
    </section>
  );
}

function TrackActions({ rows }: { rows: Gold['trackActions'] }) {
  return (
    <section className="card" aria-labelledby="track-actions">
      <h2 id="track-actions">Likes, shares and skips per track</h2>
      {rows.length === 0 ? (
        <p className="muted">No events this day.</p>
      ) : (
        <div className="scroll-x">
          <table className="table" aria-label="Likes, shares and skips per track">
            <thead>
              <tr>
                <th scope="col">Track</th>
                <th scope="col" className="num">
                  Listens
                </th>
                <th scope="col" className="num">
                  Likes
                </th>
                <th scope="col" className="num">
                  Shares
                </th>
                <th scope="col" className="num">
                  Skips
                </th>
                <th scope="col" className="num">
                  Skip rate
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.artist}\u0000${r.track}`}>
                  <td>
                    {r.artist} – {r.track}
                  </td>
                  <td className="num">{formatCount(r.listens)}</td>
                  <td className="num">{formatCount(r.likes)}</td>
                  <td className="num">{formatCount(r.shares)}</td>
                  <td className="num">{formatCount(r.skips)}</td>
                  <td className="num">{r.skipRate === null ? '–' : percent(r.skipRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Runs() {
  const runs = useMetricRuns();
  return (
    <section className="card" aria-labelledby="runs">
      <h2 id="runs">Metrics runs</h2>
      {runs.isPending ? (
        <Loading what="the metrics runs" />
      ) : runs.isError ? (
        <ErrorNotice error={runs.error} what="the metrics runs" />
      ) : runs.data.runs.length === 0 ? (
        <p className="muted">
          No run yet: <code>listenhouse metrics run</code> computes a day (or <code>--from … --to …</code>).
        </p>
      ) : (
        <div className="scroll-x">
          <table className="table" aria-label="Metrics runs">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Days</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Listens in
                </th>
                <th scope="col" className="num">
                  Events in
                </th>
                <th scope="col" className="num">
                  Rejects
                </th>
                <th scope="col" className="num">
                  Rows out
                </th>
                <th scope="col">Phases</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.runs.map((r) => {
                const phases = phasesText(r.phases);
                return (
                  <tr key={r.id}>
                    <td>{r.id}</td>
                    <td>{r.from === r.to ? r.from : `${r.from} – ${r.to}`}</td>
                    <td>
                      {r.status}
                      {r.alert ? <div className="muted">{r.alert}</div> : null}
                    </td>
                    <td className="num">{formatCount(r.listensIn)}</td>
                    <td className="num">{formatCount(r.eventsIn)}</td>
                    <td className="num">{formatCount(r.rejects)}</td>
                    <td className="num">{formatCount(r.rowsOut)}</td>
                    <td>
                      <details>
                        <summary>{formatCount(phases.totalMs)} ms</summary>
                        <span className="phases">{phases.text}</span>
                      </details>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Lag() {
  const state = useConsumerState();
  const { theme } = useTheme();
  const series = useMemo(() => lagSeries(state.data?.batches ?? []), [state.data]);
  const option = useMemo<ChartOption>(() => {
    const c = chartColors(theme);
    return {
      tooltip: { trigger: 'axis' },
      legend: { show: series.length > 1, textStyle: { color: c.text } },
      grid: { left: 56, right: 16, top: series.length > 1 ? 32 : 12, bottom: 28 },
      xAxis: { type: 'time', axisLabel: { color: c.muted, hideOverlap: true } },
      yAxis: {
        type: 'value',
        min: 0,
        axisLabel: { color: c.muted },
        splitLine: { lineStyle: { color: c.grid } },
      },
      series: series.map((s, i) => ({
        type: 'line',
        name: s.name,
        showSymbol: s.points.length < 40,
        data: s.points,
        lineStyle: { color: c.series[i % c.series.length] },
        itemStyle: { color: c.series[i % c.series.length] },
      })),
    };
  }, [series, theme]);
  const partitions = state.data?.partitions ?? [];
  return (
    <section className="card" aria-labelledby="lag">
      <h2 id="lag">Consumer lag</h2>
      {state.isPending ? (
        <Loading what="the consumers' lag" />
      ) : state.isError ? (
        <ErrorNotice error={state.error} what="the consumers' lag" />
      ) : partitions.length === 0 ? (
        <p className="muted">
          No consumer has stored a batch here: <code>listenhouse stream consume</code> (docs/streaming.md).
        </p>
      ) : (
        <>
          <p className="muted">
            Events behind the partitions’ ends after each committed batch; now{' '}
            <strong data-testid="lag-now">{formatCount(partitions.reduce((n, p) => n + p.lag, 0))}</strong>{' '}
            behind over {partitions.length} partitions.
          </p>
          {series.some((s) => s.points.length > 1) ? (
            <EChart option={option} height={200} label="The consumers' lag after each committed batch" />
          ) : (
            <p className="muted">One batch committed so far: the lag over time needs two.</p>
          )}
          <div className="scroll-x">
            <table className="table" aria-label="Partitions">
              <thead>
                <tr>
                  <th scope="col">Group</th>
                  <th scope="col">Topic</th>
                  <th scope="col" className="num">
                    Partition
                  </th>
                  <th scope="col" className="num">
                    Next offset
                  </th>
                  <th scope="col" className="num">
                    Lag
                  </th>
                  <th scope="col" className="num">
                    Events
                  </th>
                  <th scope="col" className="num">
                    Rejects
                  </th>
                </tr>
              </thead>
              <tbody>
                {partitions.map((p) => (
                  <tr key={`${p.group}/${p.topic}/${p.partition}`}>
                    <td>{p.group}</td>
                    <td>{p.topic}</td>
                    <td className="num">{p.partition}</td>
                    <td className="num">{formatCount(p.nextOffset)}</td>
                    <td className="num">{formatCount(p.lag)}</td>
                    <td className="num">{formatCount(p.events)}</td>
                    <td className="num">{formatCount(p.rejects)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
