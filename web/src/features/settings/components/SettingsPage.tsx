/** /settings: the signed-in user's profile privacy and time zone. */
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorNotice, Loading } from '../../../components/Notice';
import { useAuth } from '../../../app/auth';
import { useMe, useSaveSettings } from '../api/queries';
import { settingsChange, timeZoneProblem, zoneSuggestions } from '../time-zone';

export function SettingsPage() {
  const { token } = useAuth();
  const me = useMe();
  return (
    <>
      <div className="page-head">
        <h1>Settings</h1>
        <p className="muted">
          <Link to="/settings/connections">Connections</Link>: Last.fm, ListenBrainz, Spotify, Plex and
          Jellyfin bringing your plays by themselves.
        </p>
      </div>
      {!token ? (
        <p>
          <Link to="/sign-in">Sign in</Link> to change your settings.
        </p>
      ) : me.isPending ? (
        <Loading what="your settings" />
      ) : me.isError ? (
        <ErrorNotice error={me.error} what="your settings" />
      ) : (
        <SettingsForm saved={me.data} />
      )}
    </>
  );
}

type Privacy = 'private' | 'public';

function SettingsForm({ saved }: { saved: { name: string; privacy: Privacy; timeZone: string } }) {
  const id = useId();
  const save = useSaveSettings();
  const [privacy, setPrivacy] = useState<Privacy>(saved.privacy);
  const [timeZone, setTimeZone] = useState(saved.timeZone);
  const [tried, setTried] = useState(false);
  const [done, setDone] = useState(false);
  useEffect(() => {
    setPrivacy(saved.privacy);
    setTimeZone(saved.timeZone);
  }, [saved.privacy, saved.timeZone]);
  const zones = useMemo(() => zoneSuggestions(), []);
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const problem = timeZoneProblem(timeZone);
  const change = settingsChange(saved, { privacy, timeZone });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    setDone(false);
    if (problem || !change) return;
    save.mutate({ name: saved.name, change }, { onSuccess: () => setDone(true) });
  };
  return (
    <form className="card settings-form" onSubmit={submit} noValidate>
      <fieldset>
        <legend>Who may see {saved.name}’s listens and statistics</legend>
        <label className="check">
          <input
            type="radio"
            name={`${id}-privacy`}
            value="private"
            checked={privacy === 'private'}
            onChange={() => setPrivacy('private')}
          />{' '}
          Private: only you and the admins
        </label>
        <label className="check">
          <input
            type="radio"
            name={`${id}-privacy`}
            value="public"
            checked={privacy === 'public'}
            onChange={() => setPrivacy('public')}
          />{' '}
          Public: anyone with the link <code>/user/{saved.name}</code>, without a token
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-zone`}>Time zone</label>
        <input
          id={`${id}-zone`}
          list={`${id}-zones`}
          value={timeZone}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={tried && problem !== null}
          aria-describedby={`${id}-zone-help`}
          onChange={(e) => setTimeZone(e.target.value)}
        />
        <datalist id={`${id}-zones`}>
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        {browserZone && browserZone !== timeZone ? (
          <button type="button" onClick={() => setTimeZone(browserZone)}>
            Use this browser’s ({browserZone})
          </button>
        ) : null}
      </div>
      <p
        id={`${id}-zone-help`}
        className={tried && problem ? 'field-error' : 'muted small'}
        role={tried && problem ? 'alert' : undefined}
      >
        {tried && problem ? problem : 'Days, hours and weeks in the statistics are counted in this zone.'}
      </p>
      <div>
        <button type="submit" disabled={save.isPending || change === null}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
      <p role="status" className="muted small">
        {done && !change ? 'Saved.' : ''}
      </p>
      {save.isError ? (
        <ErrorNotice error={save.error} what="your settings" title="Could not save your settings." />
      ) : null}
    </form>
  );
}
