import { canChange } from '../../../app/access';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { useAuth } from '../../../app/auth';
import { EmptyState, ErrorNotice, ImportHint, isProfileError, Loading } from '../../../components/Notice';
import { formatCount, formatDateTime } from '../../../lib/format';
import { useCorrectListen, useDeleteListen, useDeleteListens, useListens, type Listen } from '../api/queries';
import {
  correctionOf,
  describeOutcome,
  EMPTY_FILTERS,
  filtersOf,
  formOf,
  hasFilters,
  playedOf,
  queryOf,
  searchOf,
  toggleAll,
  toggleOne,
  type CorrectionForm,
  type ListenFilters,
} from '../listens';
import { Modal } from './Modal';
import '../listens.css';

/** What the page last did: said in a status line (or an alert with the server's message). */
type Said = { kind: 'ok'; text: string } | { kind: 'error'; error: unknown; what: string } | null;

export function ListensPage() {
  const { user = '' } = useParams();
  const { me } = useAuth();
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersOf(search), [search]);
  const before = search.get('before');
  const query = useMemo(() => queryOf(user, filters, before), [user, filters, before]);
  const listens = useListens(query);
  const editable = canChange(me, user);
  /** Cursors of the pages before this one, so "Newer" goes back (lost on reload: then "Newest"). */
  const [cursors, setCursors] = useState<(string | null)[]>([]);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [editing, setEditing] = useState<Listen | null>(null);
  const [deleting, setDeleting] = useState<number[] | null>(null);
  const [said, setSaid] = useState<Said>(null);
  useEffect(() => setSelected(new Set()), [query]);

  const head = (
    <div className="page-head">
      <h1>
        Listens <span className="muted">· {user}</span>
      </h1>
    </div>
  );
  if (isProfileError(listens.error))
    return (
      <>
        {head}
        <ErrorNotice error={listens.error} what={`${user}'s profile`} />
      </>
    );

  const go = (next: URLSearchParams) => setSearch(next);
  const applyFilters = (next: ListenFilters) => {
    setCursors([]);
    go(searchOf(next, search));
  };
  const page = listens.data;
  const pageIds = page?.listens.map((l) => l.id) ?? [];
  const allSelected = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  return (
    <>
      {head}
      <Filters filters={filters} onApply={applyFilters} />
      {said?.kind === 'ok' ? (
        <p className="notice notice-ok" role="status">
          {said.text}
        </p>
      ) : said?.kind === 'error' ? (
        <ErrorNotice error={said.error} what={said.what} />
      ) : null}
      <section className="card" aria-labelledby="listens-heading">
        <div className="listens-bar">
          <h2 id="listens-heading">
            {page ? (
              <>
                <span data-testid="listens-total">{formatCount(page.total)}</span>{' '}
                {page.total === 1 ? 'listen' : 'listens'}
                {hasFilters(filters) ? ' matching the filters' : ''}
              </>
            ) : (
              'Listens'
            )}
          </h2>
          {editable && page && page.listens.length > 0 ? (
            <button
              type="button"
              className="danger"
              disabled={selected.size === 0}
              onClick={() => setDeleting([...selected])}
            >
              Delete selected ({formatCount(selected.size)})
            </button>
          ) : null}
        </div>
        {listens.isPending ? (
          <Loading what="listens" />
        ) : listens.isError ? (
          <ErrorNotice error={listens.error} what="listens" />
        ) : page && page.listens.length === 0 ? (
          hasFilters(filters) ? (
            <EmptyState title="No listens match these filters.">
              <p>
                Names are matched whole (case and accents ignored): try fewer filters, or{' '}
                <button type="button" className="link-button" onClick={() => applyFilters(EMPTY_FILTERS)}>
                  clear them
                </button>
                .
              </p>
            </EmptyState>
          ) : (
            <EmptyState title="No listens yet.">
              <ImportHint />
            </EmptyState>
          )
        ) : page ? (
          <>
            <div className="scroll-x">
              <table className="table listens-table" aria-busy={listens.isFetching}>
                <thead>
                  <tr>
                    {editable ? (
                      <th scope="col" className="check">
                        <input
                          type="checkbox"
                          aria-label="Select all listens on this page"
                          checked={allSelected}
                          onChange={() => setSelected(toggleAll(selected, pageIds))}
                        />
                      </th>
                    ) : null}
                    <th scope="col">
                      When <span className="muted small">({page.timeZone})</span>
                    </th>
                    <th scope="col">Track</th>
                    <th scope="col">Artist</th>
                    <th scope="col">Release</th>
                    <th scope="col">Source</th>
                    {editable ? (
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {page.listens.map((l) => {
                    const played = playedOf(l.playedMs, l.durationMs);
                    return (
                      <tr key={l.id} className={selected.has(l.id) ? 'selected' : undefined}>
                        {editable ? (
                          <td className="check">
                            <input
                              type="checkbox"
                              aria-label={`Select ${l.track} by ${l.artist}, ${formatDateTime(l.listenedAt, page.timeZone)}`}
                              checked={selected.has(l.id)}
                              onChange={() => setSelected(toggleOne(selected, l.id))}
                            />
                          </td>
                        ) : null}
                        <td className="nowrap">{formatDateTime(l.listenedAt, page.timeZone)}</td>
                        <td className="track">
                          {l.track}
                          {played ? <span className="muted small"> · played {played}</span> : null}
                        </td>
                        <td>{l.artist}</td>
                        <td className="muted">{l.release ?? '–'}</td>
                        <td className="muted">
                          {l.source}
                          {l.alsoFrom.length > 0 ? ` + ${l.alsoFrom.map((s) => s.source).join(', ')}` : ''}
                        </td>
                        {editable ? (
                          <td className="actions nowrap">
                            <button
                              type="button"
                              aria-label={`Correct ${l.track} by ${l.artist}`}
                              onClick={() => setEditing(l)}
                            >
                              Correct
                            </button>{' '}
                            <button
                              type="button"
                              className="danger"
                              aria-label={`Delete ${l.track} by ${l.artist}`}
                              onClick={() => setDeleting([l.id])}
                            >
                              Delete
                            </button>
                          </td>
                        ) : null}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <nav className="pager" aria-label="Pages of listens">
              <button
                type="button"
                disabled={cursors.length === 0 && !before}
                onClick={() => {
                  const previous = cursors.length > 0 ? (cursors[cursors.length - 1] ?? null) : null;
                  setCursors(cursors.slice(0, -1));
                  const next = new URLSearchParams(search);
                  if (previous) next.set('before', previous);
                  else next.delete('before');
                  go(next);
                }}
              >
                ← Newer
              </button>
              <span className="muted small">{formatCount(page.listens.length)} shown, newest first</span>
              <button
                type="button"
                disabled={!page.next}
                onClick={() => {
                  if (!page.next) return;
                  setCursors([...cursors, before]);
                  const next = new URLSearchParams(search);
                  next.set('before', page.next);
                  go(next);
                }}
              >
                Older →
              </button>
            </nav>
          </>
        ) : null}
      </section>
      {editing ? (
        <CorrectDialog
          user={user}
          listen={editing}
          timeZone={page?.timeZone ?? 'UTC'}
          onClose={() => setEditing(null)}
          onDone={(text) => {
            setEditing(null);
            setSaid({ kind: 'ok', text });
          }}
        />
      ) : null}
      {deleting ? (
        <DeleteDialog
          user={user}
          ids={deleting}
          listens={page?.listens ?? []}
          timeZone={page?.timeZone ?? 'UTC'}
          onClose={() => setDeleting(null)}
          onDone={(result) => {
            setDeleting(null);
            setSelected(new Set());
            setSaid(result);
          }}
        />
      ) : null}
    </>
  );
}

function Filters({ filters, onApply }: { filters: ListenFilters; onApply: (f: ListenFilters) => void }) {
  const id = useId();
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [filters]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const field = (key: keyof ListenFilters, label: string, type = 'search') => (
    <div className="filter">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type={type}
        value={draft[key]}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
      />
    </div>
  );
  return (
    <form className="card filters" role="search" aria-label="Filter listens" onSubmit={submit}>
      {field('artist', 'Artist')}
      {field('track', 'Track')}
      {field('release', 'Release')}
      {field('source', 'Source')}
      {field('from', 'From', 'date')}
      {field('to', 'To', 'date')}
      <div className="filter-actions">
        <button type="submit">Search</button>
        <button
          type="button"
          disabled={!hasFilters(filters) && !hasFilters(draft)}
          onClick={() => onApply(EMPTY_FILTERS)}
        >
          Clear
        </button>
      </div>
    </form>
  );
}

function CorrectDialog({
  user,
  listen,
  timeZone,
  onClose,
  onDone,
}: {
  user: string;
  listen: Listen;
  timeZone: string;
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const id = useId();
  const [form, setForm] = useState<CorrectionForm>(() => formOf(listen, timeZone));
  const correct = useCorrectListen(user);
  const body = correctionOf(listen, form, timeZone);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!body) return;
    correct.mutate(
      { id: listen.id, body },
      { onSuccess: (answer) => onDone(describeOutcome(answer.outcome, answer.listen.track)) },
    );
  };
  const input = (key: keyof CorrectionForm, label: string, type = 'text', required = true) => (
    <div className="filter">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input
        id={`${id}-${key}`}
        type={type}
        required={required}
        value={form[key]}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
    </div>
  );
  return (
    <Modal title="Correct a listen" onClose={onClose}>
      <form className="correct-form" onSubmit={submit}>
        {input('track', 'Track')}
        {input('artist', 'Artist')}
        {input('release', 'Release (empty: none)', 'text', false)}
        {input('listenedAt', `Started at (${timeZone})`, 'datetime-local')}
        <p className="muted small">
          A correction that makes it the same play as a stored listen leaves one listen.
        </p>
        {correct.isError ? <ErrorNotice error={correct.error} what="the correction" /> : null}
        <div className="filter-actions">
          <button type="submit" disabled={!body || correct.isPending}>
            {correct.isPending ? 'Saving…' : 'Save'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Modal>
  );
}

function DeleteDialog({
  user,
  ids,
  listens,
  timeZone,
  onClose,
  onDone,
}: {
  user: string;
  ids: number[];
  listens: Listen[];
  timeZone: string;
  onClose: () => void;
  onDone: (said: Said) => void;
}) {
  const one = useDeleteListen(user);
  const many = useDeleteListens(user);
  const pending = one.isPending || many.isPending;
  const error = one.error ?? many.error;
  const only = ids.length === 1 ? listens.find((l) => l.id === ids[0]) : undefined;
  const confirm = () => {
    const [first] = ids;
    if (ids.length === 1 && first !== undefined)
      one.mutate(first, { onSuccess: () => onDone({ kind: 'ok', text: 'Deleted 1 listen.' }) });
    else
      many.mutate(ids, {
        onSuccess: ({ deleted, missing }) =>
          onDone({
            kind: 'ok',
            text:
              `Deleted ${formatCount(deleted)} listens.` +
              (missing.length > 0 ? ` ${formatCount(missing.length)} were already gone.` : ''),
          }),
      });
  };
  return (
    <Modal
      title={ids.length === 1 ? 'Delete this listen?' : `Delete ${formatCount(ids.length)} listens?`}
      onClose={onClose}
    >
      <p>
        {only ? (
          <>
            <strong>{only.track}</strong> by {only.artist}, {formatDateTime(only.listenedAt, timeZone)}.{' '}
          </>
        ) : null}
        It is removed with the sources merged into it, and statistics drop it at once. Importing the same play
        again would store it again.
      </p>
      {error ? <ErrorNotice error={error} what="the deletion" /> : null}
      <div className="filter-actions">
        <button type="button" className="danger solid" disabled={pending} onClick={confirm}>
          {pending ? 'Deleting…' : 'Delete'}
        </button>
        <button type="button" onClick={onClose} autoFocus>
          Cancel
        </button>
      </div>
    </Modal>
  );
}
