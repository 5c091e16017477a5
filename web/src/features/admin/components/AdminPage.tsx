/**
 * /admin: every user, a form to add one (its first token shown once), each user's role and privacy,
 * and a new token for anyone (after a confirmation). Only admins get the list; anyone else sees the
 * server's refusal.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorNotice, Loading } from '../../../components/Notice';
import { useAuth } from '../../../app/auth';
import { useChangeUser, useCreateUser, useRotateToken, useUsers } from '../api/queries';
import { changeOf, MAX_NAME_LENGTH, newUserNameProblem, sortUsers, type UserRow } from '../user-form';
import { TokenOnce } from './TokenOnce';

interface Issued {
  user: string;
  token: string;
  title: string;
}

export function AdminPage() {
  const users = useUsers();
  const [issued, setIssued] = useState<Issued | null>(null);
  const sorted = useMemo(() => (users.data ? sortUsers(users.data.users) : []), [users.data]);
  return (
    <>
      <div className="page-head">
        <h1>Users</h1>
      </div>
      {users.isPending ? (
        <Loading what="the users" />
      ) : users.isError ? (
        <ErrorNotice error={users.error} what="the users" />
      ) : (
        <>
          {issued ? <TokenOnce {...issued} onDone={() => setIssued(null)} /> : null}
          <AddUser existing={sorted.map((u) => u.name)} onAdded={setIssued} />
          <UserTable users={sorted} onIssued={setIssued} />
        </>
      )}
    </>
  );
}

function AddUser({ existing, onAdded }: { existing: string[]; onAdded: (issued: Issued) => void }) {
  const id = useId();
  const create = useCreateUser();
  const [name, setName] = useState('');
  const [admin, setAdmin] = useState(false);
  const [tried, setTried] = useState(false);
  const problem = newUserNameProblem(name.trim(), existing);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (problem) return;
    const wanted = name.trim();
    create.mutate(
      { name: wanted, admin },
      {
        onSuccess: (answer) => {
          onAdded({ user: answer.user, token: answer.token, title: `${answer.user} was added` });
          setName('');
          setAdmin(false);
          setTried(false);
        },
      },
    );
  };
  const showProblem = tried && problem !== null;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Add a user</h2>
      <form className="add-user" onSubmit={submit} noValidate>
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          value={name}
          maxLength={MAX_NAME_LENGTH * 2}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={showProblem}
          aria-describedby={`${id}-help`}
          onChange={(e) => setName(e.target.value)}
        />
        <label className="check">
          <input type="checkbox" checked={admin} onChange={(e) => setAdmin(e.target.checked)} /> Admin
        </label>
        <button type="submit" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add user'}
        </button>
      </form>
      <p
        id={`${id}-help`}
        className={showProblem ? 'field-error' : 'muted small'}
        role={showProblem ? 'alert' : undefined}
      >
        {showProblem
          ? problem
          : 'Letters, digits, dots, underscores and hyphens. A new profile is private; its first token is shown once.'}
      </p>
      {create.isError ? (
        <ErrorNotice error={create.error} what="the new user" title="Could not add the user." />
      ) : null}
    </section>
  );
}

function UserTable({ users, onIssued }: { users: UserRow[]; onIssued: (issued: Issued) => void }) {
  const id = useId();
  const { me, signIn } = useAuth();
  const change = useChangeUser();
  const rotate = useRotateToken();
  const [saved, setSaved] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const save = (user: UserRow, field: 'role' | 'privacy', value: string) => {
    const wanted = changeOf(user, field, value);
    if (!wanted) return;
    setSaved(null);
    change.mutate(
      { name: user.name, change: wanted },
      {
        onSuccess: (answer) =>
          setSaved(
            field === 'role'
              ? `${answer.name} is now ${answer.role === 'admin' ? 'an admin' : 'a user'}.`
              : `${answer.name}'s profile is now ${answer.privacy}.`,
          ),
      },
    );
  };
  const issue = (name: string) => {
    setConfirming(null);
    rotate.mutate(name, {
      onSuccess: (answer) => {
        // The signed-in admin's own old token stops working: keep the new one in this browser.
        if (answer.user === me?.name) signIn(answer.token);
        onIssued({ user: answer.user, token: answer.token, title: `New token for ${answer.user}` });
      },
    });
  };
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Everyone ({users.length})</h2>
      <p role="status" className="muted small saved">
        {change.isPending ? 'Saving…' : (saved ?? '')}
      </p>
      {change.isError ? (
        <ErrorNotice error={change.error} what="the change" title="Could not save the change." />
      ) : null}
      {rotate.isError ? (
        <ErrorNotice error={rotate.error} what="a new token" title="Could not issue a new token." />
      ) : null}
      <div className="scroll-x">
        <table className="table users-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Profile</th>
              <th scope="col">Time zone</th>
              <th scope="col">Token</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => {
              const self = u.name === me?.name;
              return (
                <tr key={u.name}>
                  <td>
                    <Link to={`/user/${encodeURIComponent(u.name)}`}>{u.name}</Link>
                    {self ? <span className="muted small"> (you)</span> : null}
                  </td>
                  <td>
                    <select
                      aria-label={`Role of ${u.name}`}
                      value={u.role}
                      disabled={self || change.isPending}
                      title={self ? 'Another admin can change your role' : undefined}
                      onChange={(e) => save(u, 'role', e.target.value)}
                    >
                      <option value="user">User</option>
                      <option value="admin">Admin</option>
                    </select>
                  </td>
                  <td>
                    <select
                      aria-label={`Profile of ${u.name}`}
                      value={u.privacy}
                      disabled={change.isPending}
                      onChange={(e) => save(u, 'privacy', e.target.value)}
                    >
                      <option value="private">Private</option>
                      <option value="public">Public</option>
                    </select>
                  </td>
                  <td className="muted">{u.timeZone}</td>
                  <td>
                    <button
                      type="button"
                      disabled={rotate.isPending}
                      aria-label={`New token for ${u.name}`}
                      onClick={() => setConfirming(u.name)}
                    >
                      New token…
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {confirming ? (
        <ConfirmRotate
          name={confirming}
          self={confirming === me?.name}
          onConfirm={() => issue(confirming)}
          onCancel={() => setConfirming(null)}
        />
      ) : null}
    </section>
  );
}

/** A modal question before the old tokens stop working (players and browsers that use them). */
function ConfirmRotate({
  name,
  self,
  onConfirm,
  onCancel,
}: {
  name: string;
  self: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="card confirm"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={`${id}-title`}>Issue a new token for {name}?</h2>
      <p id={`${id}-text`}>
        Every token {name} has now stops working at once: the scrobblers and browsers that use one must be
        given the new token.{self ? ' This browser switches to the new one by itself.' : ''}
      </p>
      <div className="confirm-actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="danger solid" onClick={onConfirm}>
          Revoke and issue a new token
        </button>
      </div>
    </dialog>
  );
}
