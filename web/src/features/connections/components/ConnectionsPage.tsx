/** /settings/connections: the signed-in user's live sources, their state, adding and removing them. */
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useAuth } from '../../../app/auth';
import { EmptyState, ErrorNotice, Loading } from '../../../components/Notice';
import {
  useAddConnection,
  useConnections,
  useKinds,
  usePollConnection,
  useRemoveConnection,
} from '../api/queries';
import { connectionBody, fieldsOf, missingField } from '../source-fields';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

export function ConnectionsPage() {
  const { token } = useAuth();
  return (
    <>
      <div className="page-head">
        <h1>Connections</h1>
        <p className="muted">
          Live sources bring your plays by themselves: services polled every few minutes, players that send
          webhooks. <Link to="/settings">Settings</Link>
        </p>
      </div>
      {!token ? (
        <p>
          <Link to="/sign-in">Sign in</Link> to manage your connections.
        </p>
      ) : (
        <>
          <ConnectionList />
          <AddConnection />
        </>
      )}
    </>
  );
}

function ConnectionList() {
  const id = useId();
  const connections = useConnections();
  const poll = usePollConnection();
  const remove = useRemoveConnection();
  const [confirming, setConfirming] = useState<number | null>(null);
  if (connections.isPending) return <Loading what="your connections" />;
  if (connections.isError) return <ErrorNotice error={connections.error} what="your connections" />;
  const list = connections.data.connections;
  if (list.length === 0)
    return (
      <EmptyState title="No connections yet">
        Add Last.fm, ListenBrainz or Spotify below to bring your history in, or Plex or Jellyfin to have them
        send each play.
      </EmptyState>
    );
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Your connections</h2>
      <div className="scroll-x">
        <table className="table connections-table">
          <thead>
            <tr>
              <th scope="col">Source</th>
              <th scope="col">State</th>
              <th scope="col">Last success</th>
              <th scope="col">Plays</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id} data-status={c.status}>
                <td>
                  <strong>{c.title}</strong>
                  {typeof c.settings.user === 'string' ? (
                    <span className="muted"> · {c.settings.user}</span>
                  ) : null}
                  {typeof c.settings.url === 'string' ? (
                    <div className="muted small">{c.settings.url}</div>
                  ) : null}
                </td>
                <td>
                  {c.status === 'failing' ? (
                    <span className="field-error" role="status">
                      Failing since {when(c.failingSince)}: {c.lastError}
                    </span>
                  ) : c.status === 'ok' ? (
                    <span>Working{c.progress ? ` (${c.progress})` : ''}</span>
                  ) : c.status === 'push' ? (
                    <span>Waiting for the player’s webhook</span>
                  ) : (
                    <span>Not polled yet</span>
                  )}
                </td>
                <td>{when(c.lastSuccess)}</td>
                <td>{c.plays.toLocaleString()}</td>
                <td className="actions">
                  {c.capabilities.poll ? (
                    <button type="button" disabled={poll.isPending} onClick={() => poll.mutate(c.id)}>
                      Poll now
                    </button>
                  ) : null}
                  {confirming === c.id ? (
                    <>
                      <button type="button" className="danger" onClick={() => remove.mutate(c.id)}>
                        Remove {c.title}
                      </button>
                      <button type="button" onClick={() => setConfirming(null)}>
                        Keep
                      </button>
                    </>
                  ) : (
                    <button type="button" onClick={() => setConfirming(c.id)}>
                      Remove…
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted small">Removing a connection keeps the listens it brought.</p>
      {poll.isError ? <ErrorNotice error={poll.error} what="the poll" title="Could not poll." /> : null}
      {remove.isError ? (
        <ErrorNotice error={remove.error} what="the connection" title="Could not remove it." />
      ) : null}
    </section>
  );
}

function AddConnection() {
  const id = useId();
  const kinds = useKinds();
  const add = useAddConnection();
  const [kind, setKind] = useState('lastfm');
  const [values, setValues] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const [hookPath, setHookPath] = useState<string | null>(null);
  const problem = missingField(kind, values);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setHookPath(null);
    if (problem) return;
    add.mutate(connectionBody(kind, values), {
      onSuccess: (answer) => {
        setValues({});
        setTried(false);
        if (answer.hookPath) setHookPath(`${location.origin}${answer.hookPath}`);
      },
    });
  };
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Add a connection</h2>
      <form className="add-connection" onSubmit={submit} noValidate>
        <label htmlFor={`${id}-kind`}>Source</label>
        <select
          id={`${id}-kind`}
          value={kind}
          onChange={(e) => {
            setKind(e.target.value);
            setValues({});
            setTried(false);
          }}
        >
          {(kinds.data?.kinds ?? [{ kind: 'lastfm', title: 'Last.fm' }]).map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.title}
            </option>
          ))}
        </select>
        {fieldsOf(kind).map((field) => (
          <div key={`${kind}-${field.key}`} className="field">
            <label htmlFor={`${id}-${field.key}`}>
              {field.label}
              {field.required ? '' : ' (optional)'}
            </label>
            <input
              id={`${id}-${field.key}`}
              type={field.secret ? 'password' : 'text'}
              autoComplete="off"
              spellCheck={false}
              placeholder={field.placeholder}
              value={values[field.key] ?? ''}
              onChange={(e) => setValues({ ...values, [field.key]: e.target.value })}
            />
          </div>
        ))}
        <button type="submit" disabled={add.isPending}>
          {add.isPending ? 'Connecting…' : 'Connect'}
        </button>
      </form>
      <p
        className={tried && problem ? 'field-error' : 'muted small'}
        role={tried && problem ? 'alert' : undefined}
      >
        {tried && problem
          ? problem
          : 'Keys and tokens are stored encrypted and never shown again. docs/sources.md says where to find each.'}
      </p>
      {hookPath ? (
        <div className="card token-once" role="status">
          <p>Give this address to the player’s webhook settings (shown only now):</p>
          <code>{hookPath}</code>
        </div>
      ) : null}
      {add.isError ? (
        <ErrorNotice error={add.error} what="the connection" title="Could not connect." />
      ) : null}
    </section>
  );
}
