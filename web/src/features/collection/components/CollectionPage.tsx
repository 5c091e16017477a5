import { useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { EmptyState, ErrorNotice, isProfileError, Loading } from '../../../components/Notice';
import { formatCount, formatDateTime } from '../../../lib/format';
import { useCollection } from '../api/queries';
import {
  filtersFrom,
  hasFilters,
  listenedSummary,
  pageRange,
  previousOffset,
  searchFor,
  type CollectionFilters,
  type CollectionItem,
  type CollectionList,
} from '../collection-shaping';

const LISTS: { value: CollectionList | null; label: string }[] = [
  { value: null, label: 'Both' },
  { value: 'collection', label: 'Collection' },
  { value: 'wantlist', label: 'Wantlist' },
];

/** Format descriptions Discogs uses most; any other can be typed. */
const FORMATS = ['LP', 'CD', 'Vinyl', 'Album', 'Cassette', 'EP', 'Single', '7"', '12"', 'Compilation', 'RE'];

export function CollectionPage() {
  const { user = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const filters = filtersFrom(search);
  const page = useCollection(user, filters);
  const go = (next: CollectionFilters) => setSearch(searchFor(next, search));
  const head = (
    <div className="page-head">
      <h1>
        Collection <span className="muted">· {user}</span>
      </h1>
    </div>
  );
  if (isProfileError(page.error))
    return (
      <>
        {head}
        <ErrorNotice error={page.error} what={`${user}'s profile`} />
      </>
    );
  return (
    <>
      {head}
      <Filters key={search.toString()} filters={filters} onChange={go} />
      <section className="card" aria-labelledby="records">
        <h2 id="records">Records</h2>
        {page.isPending ? (
          <Loading what="the collection" />
        ) : page.isError ? (
          <ErrorNotice error={page.error} what="the collection" />
        ) : page.data.total === 0 ? (
          hasFilters(filters) ? (
            <EmptyState title="Nothing matches these filters.">
              <p>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setSearch(new URLSearchParams())}
                >
                  Clear the filters
                </button>
              </p>
            </EmptyState>
          ) : (
            <EmptyState title="No records yet.">
              <p>
                Export your collection or wantlist on Discogs (Collection → Export, a CSV file) and import it
                on the <Link to={`/user/${encodeURIComponent(user)}/import`}>Import page</Link>, or run{' '}
                <code>listenhouse import discogs-collection.csv</code>. Each record then shows how often you
                listened to it.
              </p>
            </EmptyState>
          )
        ) : (
          <Records
            items={page.data.items}
            total={page.data.total}
            next={page.data.next}
            filters={filters}
            onPage={(offset) => go({ ...filters, offset })}
          />
        )}
      </section>
    </>
  );
}

function Filters({
  filters,
  onChange,
}: {
  filters: CollectionFilters;
  onChange: (f: CollectionFilters) => void;
}) {
  const [text, setText] = useState(filters.search);
  const [format, setFormat] = useState(filters.format);
  const [from, setFrom] = useState(filters.yearFrom === null ? '' : String(filters.yearFrom));
  const [to, setTo] = useState(filters.yearTo === null ? '' : String(filters.yearTo));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const year = (s: string) => (/^\d{4}$/.test(s.trim()) ? Number(s.trim()) : null);
    onChange({
      ...filters,
      search: text.trim(),
      format: format.trim(),
      yearFrom: year(from),
      yearTo: year(to),
      offset: 0,
    });
  };
  return (
    <form className="card filters" role="search" aria-label="Filter the records" onSubmit={submit}>
      <div className="segmented" role="group" aria-label="List">
        {LISTS.map((l) => (
          <button
            key={l.label}
            type="button"
            aria-pressed={filters.list === l.value}
            onClick={() => onChange({ ...filters, list: l.value, offset: 0 })}
          >
            {l.label}
          </button>
        ))}
      </div>
      <label>
        Search{' '}
        <input
          type="search"
          value={text}
          placeholder="artist, title, label, catalogue no."
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <label>
        Format{' '}
        <input
          list="collection-formats"
          value={format}
          size={10}
          onChange={(e) => setFormat(e.target.value)}
        />
        <datalist id="collection-formats">
          {FORMATS.map((f) => (
            <option key={f} value={f} />
          ))}
        </datalist>
      </label>
      <label>
        Released from{' '}
        <input
          inputMode="numeric"
          pattern="\d{4}"
          size={5}
          value={from}
          onChange={(e) => setFrom(e.target.value)}
        />
      </label>
      <label>
        to{' '}
        <input
          inputMode="numeric"
          pattern="\d{4}"
          size={5}
          value={to}
          onChange={(e) => setTo(e.target.value)}
        />
      </label>
      <label>
        Rating{' '}
        <select
          value={filters.rating ?? ''}
          onChange={(e) =>
            onChange({ ...filters, rating: e.target.value ? Number(e.target.value) : null, offset: 0 })
          }
        >
          <option value="">any</option>
          {[1, 2, 3, 4, 5].map((r) => (
            <option key={r} value={r}>
              {'★'.repeat(r)} or more
            </option>
          ))}
        </select>
      </label>
      <button type="submit">Apply</button>
    </form>
  );
}

function Listened({ item }: { item: CollectionItem }) {
  if (item.listens === 0) return <span className="muted">never</span>;
  return (
    <>
      {formatCount(item.listens)} {item.listens === 1 ? 'listen' : 'listens'}
      {item.lastListenedAt ? (
        <div className="muted small">last {formatDateTime(item.lastListenedAt)}</div>
      ) : null}
    </>
  );
}

function Records({
  items,
  total,
  next,
  filters,
  onPage,
}: {
  items: CollectionItem[];
  total: number;
  next: number | null;
  filters: CollectionFilters;
  onPage: (offset: number) => void;
}) {
  const range = pageRange(filters.offset, items.length, total);
  const before = previousOffset(filters.offset);
  const played = listenedSummary(items);
  return (
    <>
      <p className="muted small" role="status">
        {items.length === 0
          ? `Past the last of ${formatCount(total)} records.`
          : `Records ${formatCount(range.first)}–${formatCount(range.last)} of ${formatCount(total)}; ${formatCount(played.played)} of these listened to.`}
      </p>
      <div className="scroll-x">
        <table className="table collection-table">
          <thead>
            <tr>
              <th scope="col">Artist</th>
              <th scope="col">Title</th>
              <th scope="col">Format</th>
              <th scope="col" className="num">
                Year
              </th>
              <th scope="col">Label</th>
              <th scope="col">Rating</th>
              {filters.list === null ? <th scope="col">List</th> : null}
              <th scope="col" className="num">
                Listened
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.id} className={i.listens > 0 ? 'played' : undefined}>
                <td>{i.artist}</td>
                <td>
                  <a
                    href={`https://www.discogs.com/release/${i.discogsReleaseId}`}
                    rel="noreferrer"
                    target="_blank"
                  >
                    {i.title}
                  </a>
                </td>
                <td className="small">{i.format ?? ''}</td>
                <td className="num">{i.releasedYear ?? ''}</td>
                <td className="small">
                  {i.label ?? ''}
                  {i.catalogNumber ? <div className="muted">{i.catalogNumber}</div> : null}
                </td>
                <td>
                  {i.rating === null ? (
                    <span className="muted small">unrated</span>
                  ) : (
                    <span aria-label={`${i.rating} of 5`}>{'★'.repeat(i.rating)}</span>
                  )}
                </td>
                {filters.list === null ? <td>{i.list}</td> : null}
                <td className="num listened">
                  <Listened item={i} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="toolbar pager">
        <button type="button" disabled={before === null} onClick={() => before !== null && onPage(before)}>
          Previous page
        </button>
        <button type="button" disabled={next === null} onClick={() => next !== null && onPage(next)}>
          Next page
        </button>
      </div>
    </>
  );
}
