import { canChange } from '../../../app/access';
import { useState, type DragEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useAuth } from '../../../app/auth';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Notice';
import { formatCount, formatDateTime } from '../../../lib/format';
import { withParam } from '../../../lib/period';
import { useImportJob, useRejected, useRuns, useUndo, useUpload } from '../api/queries';
import { csvFileName, rejectedToCsv, type RejectedRow } from '../csv';
import {
  canUndo,
  FORMAT_LABELS,
  formatBytes,
  isFinished,
  progressOf,
  reasonsOf,
  reasonText,
  runIdsOf,
  uploadForm,
  type FormatName,
  type ImportJob,
  type ImportReport,
  type ImportRun,
  type UndoCounts,
} from '../import-shaping';

/** A request that failed: what was tried, and the server's own message. */
function Failure({ title, error }: { title: string; error: unknown }) {
  return (
    <div className="notice notice-error" role="alert">
      <strong>{title}</strong>{' '}
      <span className="server-message">{error instanceof Error ? error.message : String(error)}</span>
    </div>
  );
}

export function ImportPage() {
  const { user = '' } = useParams();
  const { me, token, checking } = useAuth();
  const head = (
    <div className="page-head">
      <h1>
        Import <span className="muted">· {user}</span>
      </h1>
    </div>
  );
  if (checking) return <Loading what="your profile" />;
  if (!token || !me)
    return (
      <>
        {head}
        <div className="notice notice-error" role="alert">
          <strong>Sign in to import.</strong> Imports go into your own history.{' '}
          <Link to="/sign-in">Sign in with a token</Link>
        </div>
      </>
    );
  if (!canChange(me, user))
    return (
      <>
        {head}
        <div className="notice notice-error" role="alert">
          <strong>This is {user}&apos;s profile.</strong> Only {user} or an admin can import into it.{' '}
          <Link to={`/user/${encodeURIComponent(me.name)}/import`}>Import into your own</Link>
        </div>
      </>
    );
  return (
    <>
      {head}
      <UploadForm user={user} forOther={me.name !== user} />
      <JobSection user={user} />
      <PastRuns user={user} />
    </>
  );
}

function UploadForm({ user, forOther }: { user: string; forOther: boolean }) {
  const [search, setSearch] = useSearchParams();
  const [files, setFiles] = useState<File[]>([]);
  const [format, setFormat] = useState<FormatName | ''>('');
  const [columns, setColumns] = useState('');
  const [encoding, setEncoding] = useState<'' | 'utf8' | 'latin1'>('');
  const [dryRun, setDryRun] = useState(false);
  const [dragging, setDragging] = useState(false);
  // A new input after each upload, so choosing the same file again is a change.
  const [inputKey, setInputKey] = useState(0);
  const upload = useUpload();

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (e.dataTransfer.files.length > 0) setFiles([...e.dataTransfer.files]);
  };
  const submit = () => {
    const form = uploadForm(files, {
      ...(forOther ? { user } : {}),
      ...(format ? { format } : {}),
      ...(format === 'generic-csv' && columns ? { columns } : {}),
      ...(encoding ? { encoding } : {}),
      dryRun,
    });
    upload.mutate(form, {
      onSuccess: (job) => {
        setFiles([]);
        setInputKey((k) => k + 1);
        setSearch(withParam(search, 'job', job.id));
      },
    });
  };
  return (
    <section className="card" aria-labelledby="upload">
      <h2 id="upload">Upload an export</h2>
      <form
        className="upload-form"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div
          className={`dropzone${dragging ? ' dropzone-active' : ''}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <p>
            Drop export files or zips here, as you downloaded them: Spotify (<code>my_spotify_data.zip</code>
            ), Last.fm CSV or JSON, a ListenBrainz export, a Discogs collection or wantlist CSV. The format is
            recognised from the content.
          </p>
          <label htmlFor="import-files">Export files</label>
          <input
            key={inputKey}
            id="import-files"
            type="file"
            multiple
            onChange={(e) => setFiles(e.target.files ? [...e.target.files] : [])}
          />
          {files.length > 0 ? (
            <ul className="file-list" aria-label="Files to import">
              {files.map((f) => (
                <li key={`${f.name}-${f.size}`}>
                  {f.name} <span className="muted small">{formatBytes(f.size)}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <div className="upload-options">
          <label>
            Format{' '}
            <select value={format} onChange={(e) => setFormat(e.target.value as FormatName | '')}>
              <option value="">Recognise from the content</option>
              {Object.entries(FORMAT_LABELS).map(([name, label]) => (
                <option key={name} value={name}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          {format === 'generic-csv' ? (
            <label>
              Columns{' '}
              <input
                value={columns}
                placeholder="artist=Artist,track=Title,timestamp=Played At"
                onChange={(e) => setColumns(e.target.value)}
                size={40}
              />
            </label>
          ) : null}
          <label>
            Text encoding{' '}
            <select value={encoding} onChange={(e) => setEncoding(e.target.value as '' | 'utf8' | 'latin1')}>
              <option value="">UTF-8, or Windows-1252 when the file is</option>
              <option value="utf8">UTF-8 only</option>
              <option value="latin1">Windows-1252 (Latin-1)</option>
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> Dry run:
            count everything, store nothing
          </label>
        </div>
        <div>
          <button type="submit" disabled={files.length === 0 || upload.isPending}>
            {upload.isPending ? 'Uploading…' : dryRun ? 'Count (dry run)' : 'Import'}
          </button>
          {forOther ? <span className="muted small"> into {user}&apos;s history (as an admin)</span> : null}
        </div>
        {upload.isError ? <Failure title="The upload failed." error={upload.error} /> : null}
      </form>
    </section>
  );
}

function JobSection({ user }: { user: string }) {
  const [search] = useSearchParams();
  const id = search.get('job');
  const job = useImportJob(id);
  if (id === null) return null;
  return (
    <section className="card" aria-labelledby="job">
      <h2 id="job">Import job {id}</h2>
      {job.isPending ? (
        <Loading what="the import job" />
      ) : job.isError ? (
        <ErrorNotice error={job.error} what="the import job" />
      ) : (
        <JobView job={job.data} user={user} />
      )}
    </section>
  );
}

const COUNTS = [
  ['read', 'Read'],
  ['inserted', 'Inserted'],
  ['duplicates', 'Already there'],
  ['merged', 'Merged'],
  ['skipped', 'Skipped'],
  ['rejected', 'Rejected'],
] as const;

function JobView({ job, user }: { job: ImportJob; user: string }) {
  const share = progressOf(job);
  const counts = job.report?.totals ?? job.progress.counts;
  const finished = isFinished(job);
  return (
    <div className="job">
      <p role="status" className="job-status">
        {job.status === 'completed'
          ? job.dryRun
            ? 'Dry run finished: nothing was stored.'
            : 'Import finished.'
          : job.status === 'failed'
            ? 'The import failed.'
            : job.status === 'queued'
              ? 'Waiting for the import before it…'
              : `Reading ${job.progress.file ?? 'the files'}…`}
      </p>
      {!finished ? (
        <div className="progress-line">
          <progress aria-label="Bytes read" max={1} {...(share === null ? {} : { value: share })} />
          <span className="muted small">
            {formatBytes(job.progress.bytesRead)} of {formatBytes(job.progress.totalBytes)}
          </span>
        </div>
      ) : null}
      <dl className="stats" aria-label={finished ? 'Totals' : 'Counted so far'}>
        {COUNTS.map(([key, label]) => (
          <div className="stat" key={key}>
            <dt>{label}</dt>
            <dd>{formatCount(counts[key])}</dd>
          </div>
        ))}
      </dl>
      {job.error ? <Failure title="The import failed." error={job.error} /> : null}
      {job.report ? <Report report={job.report} user={user} /> : null}
    </div>
  );
}

function Report({ report, user }: { report: ImportReport; user: string }) {
  const reasons = reasonsOf(report);
  const runIds = runIdsOf(report);
  return (
    <>
      <h3>Files</h3>
      <div className="scroll-x">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Read as</th>
              <th scope="col" className="num">
                Read
              </th>
              <th scope="col" className="num">
                Inserted
              </th>
              <th scope="col" className="num">
                Already there
              </th>
              <th scope="col" className="num">
                Skipped
              </th>
              <th scope="col" className="num">
                Rejected
              </th>
            </tr>
          </thead>
          <tbody>
            {report.files.map((f, i) => {
              const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
              return (
                <tr key={`${f.file}-${i}`}>
                  <td>
                    {f.file}
                    {f.error ? <div className="error-text small">{f.error.message}</div> : null}
                    {f.encodingNote ? <div className="muted small">{f.encodingNote}</div> : null}
                    {f.collectionItems ? (
                      <div className="muted small">
                        {formatCount(f.collectionItems.inserted)} collection items added,{' '}
                        {formatCount(f.collectionItems.duplicates)} already there
                      </div>
                    ) : null}
                  </td>
                  <td>{f.formatTitle ?? (f.status === 'unrecognised' ? 'not recognised' : f.status)}</td>
                  <td className="num">{formatCount(f.read)}</td>
                  <td className="num">{formatCount(f.inserted)}</td>
                  <td className="num">{formatCount(f.duplicates + f.merged)}</td>
                  <td className="num">{formatCount(sum(f.skipped))}</td>
                  <td className="num">{formatCount(sum(f.rejected))}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <h3>Left out, by reason</h3>
      {reasons.length === 0 ? (
        <p className="muted">Every row was read: nothing was skipped or rejected.</p>
      ) : (
        <div className="scroll-x">
          <table className="table reasons">
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Reason</th>
                <th scope="col" className="num">
                  Rows
                </th>
                <th scope="col">For example</th>
              </tr>
            </thead>
            <tbody>
              {reasons.map((r) => (
                <tr key={`${r.status}-${r.reason}`}>
                  <td>{r.status}</td>
                  <td>{reasonText(r.reason)}</td>
                  <td className="num">{formatCount(r.count)}</td>
                  <td className="small">{r.example ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.dryRun ? (
        <p className="muted small">A dry run keeps no rows: the examples above are all it shows.</p>
      ) : reasons.some((r) => r.status !== 'cleaned') ? (
        <RejectedRows user={user} runIds={runIds} />
      ) : null}
    </>
  );
}

function download(rows: readonly RejectedRow[], runIds: readonly number[]) {
  const blob = new Blob([rejectedToCsv(rows)], { type: 'text/csv;charset=utf-8' });
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = csvFileName(runIds);
  a.click();
  URL.revokeObjectURL(href);
}

function RejectedRows({ user, runIds }: { user: string; runIds: number[] }) {
  const rejected = useRejected(user, runIds);
  return (
    <section aria-labelledby="rejected-rows">
      <div className="page-head">
        <h3 id="rejected-rows">Rows left out, as the file had them</h3>
        {rejected.data && rejected.data.length > 0 ? (
          <button type="button" onClick={() => download(rejected.data, runIds)}>
            Download CSV
          </button>
        ) : null}
      </div>
      {rejected.isPending ? (
        <Loading what="the rows left out" />
      ) : rejected.isError ? (
        <ErrorNotice error={rejected.error} what="the rows left out" />
      ) : (
        <>
          <p className="muted small">
            {formatCount(rejected.data.length)} rows
            {rejected.data.length >= 1000 * runIds.length
              ? ` (the first ${formatCount(1000)} of each file)`
              : ''}
            .
          </p>
          <div className="scroll-x rejected-scroll" tabIndex={0} aria-label="Rows left out (scrolls)">
            <table className="table rejected">
              <thead>
                <tr>
                  <th scope="col">Where</th>
                  <th scope="col">Status</th>
                  <th scope="col">Reason</th>
                  <th scope="col">Row</th>
                </tr>
              </thead>
              <tbody>
                {rejected.data.map((r) => (
                  <tr key={r.id}>
                    <td className="nowrap">
                      {r.file}:{r.line}
                    </td>
                    <td>{r.status}</td>
                    <td title={r.message}>{reasonText(r.reason)}</td>
                    <td>
                      <code className="raw">{r.raw}</code>
                    </td>
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

function PastRuns({ user }: { user: string }) {
  const runs = useRuns(user);
  const [undoing, setUndoing] = useState<ImportRun | null>(null);
  const preview = useUndo();
  const close = () => {
    setUndoing(null);
    preview.reset();
  };
  return (
    <section className="card" aria-labelledby="runs">
      <h2 id="runs">Past imports</h2>
      {runs.isPending ? (
        <Loading what="the past imports" />
      ) : runs.isError ? (
        <ErrorNotice error={runs.error} what="the past imports" />
      ) : runs.data.runs.length === 0 ? (
        <EmptyState title="No imports yet.">
          <p>Choose an export above; each file you import shows up here, and can be undone.</p>
        </EmptyState>
      ) : (
        <>
          {undoing ? <UndoPanel key={undoing.id} run={undoing} preview={preview} onClose={close} /> : null}
          <div className="scroll-x">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">File</th>
                  <th scope="col">Started</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Inserted
                  </th>
                  <th scope="col" className="num">
                    Already there
                  </th>
                  <th scope="col" className="num">
                    Skipped
                  </th>
                  <th scope="col" className="num">
                    Rejected
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {runs.data.runs.map((r) => (
                  <tr key={r.id}>
                    <td className="rank">{r.id}</td>
                    <td>
                      {r.file}
                      {r.format ? <div className="muted small">{r.format}</div> : null}
                    </td>
                    <td className="nowrap">{formatDateTime(r.startedAt)}</td>
                    <td>{r.status === 'deleted' ? 'undone' : r.status}</td>
                    <td className="num">{formatCount(r.inserted)}</td>
                    <td className="num">{formatCount(r.duplicates)}</td>
                    <td className="num">{formatCount(r.skipped)}</td>
                    <td className="num">{formatCount(r.rejected)}</td>
                    <td>
                      {canUndo(r) ? (
                        <button
                          type="button"
                          aria-label={`Undo import ${r.id}`}
                          onClick={() => {
                            setUndoing(r);
                            preview.mutate({ id: r.id, dryRun: true });
                          }}
                        >
                          Undo…
                        </button>
                      ) : null}
                    </td>
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

function countsText(c: UndoCounts): string {
  return [
    `${formatCount(c.listens)} listens`,
    `${formatCount(c.sources)} second-source records`,
    `${formatCount(c.collectionItems)} collection items`,
    `${formatCount(c.rejectedRecords)} rows left out`,
  ].join(', ');
}

/** Undo in two steps: a dry run says what would go, then the user confirms. */
function UndoPanel({
  run,
  preview,
  onClose,
}: {
  run: ImportRun;
  preview: ReturnType<typeof useUndo>;
  onClose: () => void;
}) {
  const remove = useUndo();
  return (
    <div className="undo-panel" role="region" aria-labelledby="undo-title">
      <h3 id="undo-title">
        Undo import #{run.id} <span className="muted small">{run.file}</span>
      </h3>
      {remove.isSuccess && remove.data.removed ? (
        <>
          <p role="status">
            Import #{run.id} undone: removed {countsText(remove.data.removed)}.
          </p>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </>
      ) : preview.isPending ? (
        <Loading what="what the undo would remove" />
      ) : preview.isError ? (
        <>
          <Failure title="Could not check the undo." error={preview.error} />
          <button type="button" onClick={onClose}>
            Close
          </button>
        </>
      ) : preview.data ? (
        <>
          <p>
            This removes {countsText(preview.data.preview)}.
            {preview.data.preview.promoted > 0
              ? ` ${formatCount(preview.data.preview.promoted)} listens another source also reported stay, as that source's.`
              : ''}
          </p>
          {remove.isError ? <Failure title="The undo failed." error={remove.error} /> : null}
          <div className="toolbar">
            <button
              type="button"
              className="danger solid"
              disabled={remove.isPending}
              onClick={() => remove.mutate({ id: run.id, dryRun: false })}
            >
              {remove.isPending ? 'Removing…' : `Remove import #${run.id}`}
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}
