/**
 * One artist, release or track of a user over the period: plays per month, first and last listen,
 * its share of all listening, what is under it (each linking to its own page) and where its listens
 * came from. /user/NAME/artist/ID, /release/ID, /track/ID with ?range= as on every page.
 */
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { chartColors, useTheme } from '../../../app/theme';
import { EChart, type ChartOption } from '../../../components/EChart';
import { EmptyState, ErrorNotice, isProfileError, Loading } from '../../../components/Notice';
import { PeriodSelector, usePeriod } from '../../../components/PeriodSelector';
import { entityPath, type EntityKind } from '../../../lib/entity-link';
import { formatCount, formatDateTime, formatDuration } from '../../../lib/format';
import { periodLabel, rangeOf } from '../../../lib/period';
import { useEntity, type EntityAnswer } from '../api/queries';
import { EntityCatalogue } from './EntityCatalogue';
import { KIND_LABELS, monthSeries, parseEntityId, sourceRows } from '../entity-shaping';
import './entity.css';

const percent = (share: number) =>
  new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(share);

export function EntityPage({ kind }: { kind: EntityKind }) {
  const { user = '', id: idText } = useParams();
  const { period } = usePeriod();
  const id = parseEntityId(idText);
  const range = rangeOf(period);
  const entity = useEntity(user, kind, id, range);
  const label = KIND_LABELS[kind];
  const head = (
    <div className="page-head">
      <h1>
        {entity.data ? entity.data.name : label}{' '}
        {entity.data?.artist ? <span className="muted">· {entity.data.artist}</span> : null}
      </h1>
      <PeriodSelector />
    </div>
  );
  if (id === null)
    return (
      <>
        <h1>{label} not found</h1>
        <p className="notice notice-error" role="alert">
          “{idText}” is not a {label.toLowerCase()} id.{' '}
          <Link to={`/user/${encodeURIComponent(user)}/charts`}>Go to the charts</Link>
        </p>
      </>
    );
  if (entity.isPending)
    return (
      <>
        {head}
        <Loading what={`the ${label.toLowerCase()}`} />
      </>
    );
  if (entity.isError)
    return (
      <>
        {head}
        <ErrorNotice
          error={entity.error}
          what={
            isProfileError(entity.error)
              ? `this ${label.toLowerCase()} of ${user}`
              : `the ${label.toLowerCase()}`
          }
        />
      </>
    );
  const e = entity.data;
  return (
    <>
      {head}
      <p className="muted entity-kind">
        {label} · {user} · {periodLabel(period)}
      </p>
      <EntityCatalogue user={user} kind={kind} id={id} name={e.name} />
      {e.plays === 0 ? (
        <EmptyState title={`${user} did not play ${e.name} in this period.`}>
          <p>Choose a longer period, or All time.</p>
        </EmptyState>
      ) : (
        <>
          <dl className="stats entity-stats">
            <Stat label="Plays" value={formatCount(e.plays)} />
            <Stat
              label="Listening time"
              value={formatDuration(e.knownMs)}
              note={
                e.unknownTimePlays > 0
                  ? `${formatCount(e.unknownTimePlays)} plays of unknown length not counted`
                  : undefined
              }
            />
            <Stat label="Share of all listens" value={percent(e.share)} />
            <Stat
              label="First listen"
              date
              value={e.firstListen ? formatDateTime(e.firstListen, e.range.tz) : '–'}
            />
            <Stat
              label="Last listen"
              date
              value={e.lastListen ? formatDateTime(e.lastListen, e.range.tz) : '–'}
            />
          </dl>
          <PlaysOverTime entity={e} />
          <div className="top-grid">
            {kind === 'artist' ? (
              <Under title="Releases" kind="release" user={user} range={range} entries={e.releases} />
            ) : null}
            {kind !== 'recording' ? (
              <Under title="Tracks" kind="recording" user={user} range={range} entries={e.recordings} />
            ) : null}
            <Sources entity={e} />
          </div>
        </>
      )}
    </>
  );
}

function Stat({
  label,
  value,
  note,
  date = false,
}: {
  label: string;
  value: string;
  note?: string | undefined;
  date?: boolean;
}) {
  return (
    <div className={date ? 'stat card stat-date' : 'stat card'}>
      <dt>{label}</dt>
      <dd>{value}</dd>
      {note ? <dd className="muted small">{note}</dd> : null}
    </div>
  );
}

function PlaysOverTime({ entity }: { entity: EntityAnswer }) {
  const { theme } = useTheme();
  const series = useMemo(() => monthSeries(entity.months), [entity.months]);
  const option = useMemo<ChartOption>(() => {
    const c = chartColors(theme);
    return {
      color: c.series,
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${formatCount(v)} plays` },
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      xAxis: {
        type: 'category',
        data: series.labels,
        axisLabel: { color: c.muted },
        axisLine: { lineStyle: { color: c.grid } },
      },
      yAxis: {
        type: 'value',
        minInterval: 1,
        axisLabel: { color: c.muted, formatter: (v: number) => formatCount(v) },
        splitLine: { lineStyle: { color: c.grid } },
      },
      series: [
        {
          type: 'line',
          name: 'Plays',
          data: series.plays,
          smooth: false,
          symbolSize: 6,
          areaStyle: { opacity: 0.15 },
        },
      ],
    };
  }, [series, theme]);
  return (
    <section className="card" aria-labelledby="plays-over-time">
      <h2 id="plays-over-time">Plays per month</h2>
      <EChart
        option={option}
        height={260}
        label={`Plays of ${entity.name} in each month from ${series.labels[0] ?? ''} to ${series.labels.at(-1) ?? ''}${series.peak ? `; most in ${series.peak.label}: ${formatCount(series.peak.plays)}` : ''}`}
      />
    </section>
  );
}

function Under({
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
  entries: EntityAnswer['recordings'];
}) {
  const id = `under-${kind}`;
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {entries.length === 0 ? (
        <p className="muted">None in this period.</p>
      ) : (
        <table className="table" aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{kind === 'release' ? 'Release' : 'Track'}</th>
              <th scope="col" className="num">
                Plays
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((t) => (
              <tr key={t.id}>
                <td className="rank">{t.rank}</td>
                <td>
                  <Link to={entityPath(user, kind, t.id, range)}>{t.name}</Link>
                  <span className="muted small"> {t.artist}</span>
                </td>
                <td className="num">{formatCount(t.plays)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Sources({ entity }: { entity: EntityAnswer }) {
  const rows = sourceRows(entity.sources, entity.plays);
  return (
    <section className="card" aria-labelledby="sources">
      <h2 id="sources">Where the listens came from</h2>
      <table className="table" aria-labelledby="sources">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col" className="num">
              Listens
            </th>
            <th scope="col" className="num">
              Part
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.source}>
              <td>{s.source}</td>
              <td className="num">{formatCount(s.plays)}</td>
              <td className="num">{percent(s.share)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > 1 ? (
        <p className="muted small">A listen that several sources reported counts for each of them.</p>
      ) : null}
    </section>
  );
}
