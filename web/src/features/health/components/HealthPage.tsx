/**
 * The Data health page (/user/NAME/health): the quality score and its history, the findings with
 * their examples and a preview of the fix for each, the fixes applied (the audit log) with undo,
 * and the pipeline's runs. Audits, fixes, undo and runs need an admin; the server says so otherwise.
 */
import { useEffect, useMemo, useState } from 'react';
import { chartColors, useTheme } from '../../../app/theme';
import { EChart, type ChartOption } from '../../../components/EChart';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Notice';
import { formatCount } from '../../../lib/format';
import {
  useAuditHistory,
  useChangeSets,
  useFix,
  useLatestAudit,
  usePipelineRuns,
  useRunAudit,
  useRunPipeline,
  useUndo,
} from '../api/queries';
import { fixKindOf, isOneClickFix, seconds, volumesText } from '../health-shaping';
import './health.css';

const percent = (share: number) =>
  new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(share);

export function HealthPage() {
  return (
    <>
      <div className="page-head">
        <h1>
          Data health <span className="muted">· every user on this server</span>
        </h1>
      </div>
      <Score />
      <Findings />
      <ChangeSets />
      <PipelineRuns />
    </>
  );
}

function Score() {
  const audit = useLatestAudit();
  const history = useAuditHistory();
  const run = useRunAudit();
  const { theme } = useTheme();
  const points = history.data?.history ?? [];
  const option = useMemo<ChartOption>(() => {
    const c = chartColors(theme);
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 12, bottom: 28 },
      xAxis: { type: 'time', axisLabel: { color: c.text, hideOverlap: true } },
      yAxis: {
        type: 'value',
        min: 0,
        max: 100,
        axisLabel: { color: c.text },
        splitLine: { lineStyle: { color: c.grid } },
      },
      series: [
        {
          type: 'line',
          name: 'Score',
          showSymbol: points.length < 40,
          data: points.map((p) => [p.createdAt, p.score]),
          lineStyle: { color: c.series[0] },
          itemStyle: { color: c.series[0] },
        },
      ],
    };
  }, [points, theme]);
  const report = audit.data?.report ?? null;
  return (
    <section className="card" aria-labelledby="score">
      <div className="card-head">
        <h2 id="score">Quality score</h2>
        <button type="button" onClick={() => run.mutate()} disabled={run.isPending}>
          {run.isPending ? 'Auditing…' : 'Run the audit'}
        </button>
      </div>
      {run.isError ? <ErrorNotice error={run.error} what="the audit" /> : null}
      {audit.isPending ? (
        <Loading what="the last audit" />
      ) : audit.isError ? (
        <ErrorNotice error={audit.error} what="the last audit" />
      ) : report === null ? (
        <EmptyState title="No audit yet">
          <p>
            Run the audit here, or <code>listenhouse audit</code> on the server.
          </p>
        </EmptyState>
      ) : (
        <p className="score-line">
          <strong className="score" data-testid="score">
            {report.score}
          </strong>{' '}
          / 100 over {formatCount(report.listens)} listens, audited{' '}
          {new Date(report.createdAt).toLocaleString()}.
        </p>
      )}
      {points.length > 1 ? <EChart option={option} height={180} label="The quality score over time" /> : null}
    </section>
  );
}

function Findings() {
  const audit = useLatestAudit();
  const [kind, setKind] = useState<string | null>(null);
  const findings = audit.data?.report?.findings ?? [];
  if (findings.length === 0) return null;
  return (
    <section className="card" aria-labelledby="findings">
      <h2 id="findings">Findings</h2>
      <div className="scroll-x">
        <table className="table" aria-label="Findings">
          <thead>
            <tr>
              <th scope="col">Finding</th>
              <th scope="col" className="num">
                At fault
              </th>
              <th scope="col" className="num">
                Rate
              </th>
              <th scope="col" className="num">
                Costs
              </th>
              <th scope="col">Fix</th>
            </tr>
          </thead>
          <tbody>
            {findings.map((f) => {
              const fix = fixKindOf(f.fix);
              return (
                <tr key={f.id}>
                  <td>
                    {f.title}
                    {f.examples.length > 0 && f.count > 0 ? (
                      <details>
                        <summary>Examples</summary>
                        <ul className="examples">
                          {f.examples.map((e) => (
                            <li key={e}>{e}</li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </td>
                  <td className="num">
                    {formatCount(f.count)} of {formatCount(f.of)} {f.unit}
                  </td>
                  <td className="num">{percent(f.rate)}</td>
                  <td className="num">
                    {f.cost} of {f.weight}
                  </td>
                  <td>
                    {f.count > 0 && isOneClickFix(fix) ? (
                      <button type="button" onClick={() => setKind(fix)}>
                        Preview {fix}
                      </button>
                    ) : f.count > 0 ? (
                      <code>{f.fix}</code>
                    ) : (
                      <span className="muted">nothing to do</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {kind ? <FixPreview key={kind} kind={kind} onClose={() => setKind(null)} /> : null}
    </section>
  );
}

function FixPreview({ kind, onClose }: { kind: string; onClose: () => void }) {
  const preview = useFix();
  const apply = useFix();
  const { mutate } = preview;
  useEffect(() => mutate({ kind, apply: false }), [kind, mutate]);
  const shown = apply.data ?? preview.data;
  return (
    <div className="fix-preview" role="region" aria-label={`Fix ${kind}`}>
      <h3>
        {apply.data ? 'Applied' : 'Preview of'} {kind}
      </h3>
      {preview.isPending ? <Loading what="the preview" /> : null}
      {preview.isError ? <ErrorNotice error={preview.error} what="the preview" /> : null}
      {apply.isError ? <ErrorNotice error={apply.error} what="the fix" /> : null}
      {shown ? (
        <>
          <p>
            {shown.summary}.{' '}
            {shown.changeSet
              ? `Recorded as change set #${shown.changeSet.id}: undo it below.`
              : 'Nothing is changed yet.'}
          </p>
          <ul className="fix-rows">
            {shown.rows.map((r, i) => (
              <li key={i}>
                <span className="before">{r.before}</span> → <span className="after">{r.after}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <div className="actions">
        {!apply.data && preview.data ? (
          <button
            type="button"
            onClick={() => apply.mutate({ kind, apply: true })}
            disabled={apply.isPending}
          >
            {apply.isPending ? 'Applying…' : 'Apply'}
          </button>
        ) : null}
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

function ChangeSets() {
  const sets = useChangeSets();
  const undo = useUndo();
  return (
    <section className="card" aria-labelledby="changes">
      <h2 id="changes">Fixes applied</h2>
      {undo.isError ? <ErrorNotice error={undo.error} what="the undo" /> : null}
      {sets.isPending ? (
        <Loading what="the fixes applied" />
      ) : sets.isError ? (
        <ErrorNotice error={sets.error} what="the fixes applied" />
      ) : sets.data.changeSets.length === 0 ? (
        <p className="muted">No fix applied yet.</p>
      ) : (
        <div className="scroll-x">
          <table className="table" aria-label="Change sets">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When</th>
                <th scope="col">Fix</th>
                <th scope="col">By</th>
                <th scope="col">What</th>
                <th scope="col">Undo</th>
              </tr>
            </thead>
            <tbody>
              {sets.data.changeSets.map((s) => (
                <tr key={s.id}>
                  <td>{s.id}</td>
                  <td>{new Date(s.createdAt).toLocaleString()}</td>
                  <td>{s.kind}</td>
                  <td>{s.createdBy}</td>
                  <td>{s.summary}</td>
                  <td>
                    {s.status === 'undone' ? (
                      <span className="muted">undone by {s.undoneBy}</span>
                    ) : (
                      <button type="button" onClick={() => undo.mutate(s.id)} disabled={undo.isPending}>
                        Undo #{s.id}
                      </button>
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

function PipelineRuns() {
  const runs = usePipelineRuns();
  const start = useRunPipeline();
  return (
    <section className="card" aria-labelledby="pipeline">
      <div className="card-head">
        <h2 id="pipeline">Pipeline runs</h2>
        <button type="button" onClick={() => start.mutate()} disabled={start.isPending}>
          {start.isPending ? 'Running…' : 'Run the pipeline now'}
        </button>
      </div>
      {start.isError ? <ErrorNotice error={start.error} what="the pipeline" /> : null}
      {start.data && !start.data.started ? <p className="muted">Not started: {start.data.reason}.</p> : null}
      {runs.isPending ? (
        <Loading what="the pipeline runs" />
      ) : runs.isError ? (
        <ErrorNotice error={runs.error} what="the pipeline runs" />
      ) : runs.data.runs.length === 0 ? (
        <p className="muted">
          No run yet. The server runs it on <code>quality.schedule</code> when <code>quality.pipeline</code>{' '}
          is on.
        </p>
      ) : (
        <div className="scroll-x">
          <table className="table" aria-label="Pipeline runs">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Started</th>
                <th scope="col">Status</th>
                <th scope="col">Score</th>
                <th scope="col">Phases</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.runs.map((r) => (
                <tr key={r.id}>
                  <td>{r.id}</td>
                  <td>{new Date(r.startedAt).toLocaleString()}</td>
                  <td>
                    {r.status}
                    {r.error ? <div className="muted">{r.error}</div> : null}
                  </td>
                  <td>
                    {r.scoreBefore ?? '–'} → {r.scoreAfter ?? '–'}
                  </td>
                  <td>
                    <details>
                      <summary>{r.phases.length} phases</summary>
                      <ul className="phases">
                        {r.phases.map((p) => (
                          <li key={p.name}>
                            {p.name}: {p.status}, {seconds(p.ms)}
                            {p.tries > 1 ? `, ${p.tries} tries` : ''}
                            {Object.keys(p.volumes).length > 0 ? ` (${volumesText(p.volumes)})` : ''}
                            {p.error ? ` — ${p.error}` : ''}
                          </li>
                        ))}
                      </ul>
                    </details>
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
