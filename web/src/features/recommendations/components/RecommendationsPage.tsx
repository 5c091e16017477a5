import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { canChange } from '../../../app/access';
import { useAuth } from '../../../app/auth';
import { EmptyState, ErrorNotice, isProfileError, Loading } from '../../../components/Notice';
import { formatDateTime, formatDuration } from '../../../lib/format';
import {
  downloadJspf,
  useNotInterested,
  useRadio,
  useRecommendations,
  useRetrain,
  type RadioSeed,
  type RecommendationList,
} from '../api/queries';
import { ENTITIES, entityFrom, shares, type Entity, type Part } from '../recommendation-shaping';
import './recommendations.css';

type Item = RecommendationList['items'][number];

export function RecommendationsPage() {
  const { user = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const entity = entityFrom(search);
  const { me } = useAuth();
  const list = useRecommendations(user, entity);
  const [seed, setSeed] = useState<{ seed: RadioSeed; name: string } | null>(null);
  const owner = canChange(me, user);
  const head = (
    <div className="page-head">
      <h1>
        Recommendations <span className="muted">· {user}</span>
      </h1>
      <div className="segmented" role="group" aria-label="What to recommend">
        {ENTITIES.map((e) => (
          <button
            key={e.value}
            type="button"
            aria-pressed={entity === e.value}
            onClick={() => {
              setSeed(null);
              setSearch(
                e.value === 'recording' ? new URLSearchParams() : new URLSearchParams({ entity: e.value }),
              );
            }}
          >
            {e.label}
          </button>
        ))}
      </div>
    </div>
  );
  if (isProfileError(list.error))
    return (
      <>
        {head}
        <ErrorNotice error={list.error} what={`${user}'s profile`} />
      </>
    );
  return (
    <>
      {head}
      <section className="card" aria-labelledby="suggested">
        <h2 id="suggested">Suggested for you</h2>
        {list.isPending ? (
          <Loading what="the recommendations" />
        ) : list.isError ? (
          <ErrorNotice error={list.error} what="the recommendations" />
        ) : list.data.model === null ? (
          <NoModel entity={entity} admin={me?.role === 'admin'} />
        ) : (
          <>
            <p className="muted model-line">
              From model #{list.data.model.id} ({list.data.model.kind}), trained{' '}
              {formatDateTime(list.data.model.trainedAt)}
              {list.data.computedAt ? `; this list computed ${formatDateTime(list.data.computedAt)}` : ''}.
            </p>
            {list.data.items.length === 0 ? (
              <EmptyState title="Nothing left to recommend.">
                <p>Everything the model found you have played already, or marked not interested.</p>
              </EmptyState>
            ) : (
              <ol className="recommendations">
                {list.data.items.map((item) => (
                  <Recommendation
                    key={item.item.id}
                    item={item}
                    user={user}
                    entity={entity}
                    canGiveFeedback={owner}
                    onRadio={
                      entity === 'release'
                        ? null
                        : () =>
                            setSeed({
                              seed:
                                entity === 'artist' ? { artist: item.item.id } : { recording: item.item.id },
                              name: item.item.name,
                            })
                    }
                  />
                ))}
              </ol>
            )}
          </>
        )}
      </section>
      {seed ? <Radio user={user} seed={seed.seed} name={seed.name} /> : null}
    </>
  );
}

function NoModel({ entity, admin }: { entity: Entity; admin: boolean }) {
  const retrain = useRetrain();
  return (
    <EmptyState title="No model is trained yet.">
      <p>
        Recommendations come from a model trained on this server’s listens. Run{' '}
        <code>listenhouse recommend retrain</code> on the server’s machine
        {admin ? ', or train one now:' : ' (an admin can also train one here).'}
      </p>
      {admin ? (
        <p>
          <button type="button" onClick={() => retrain.mutate(entity)} disabled={retrain.isPending}>
            {retrain.isPending ? 'Training…' : 'Train a model now'}
          </button>
        </p>
      ) : null}
      {retrain.isError ? (
        <ErrorNotice error={retrain.error} what="" title="Could not train a model." />
      ) : null}
    </EmptyState>
  );
}

function Recommendation({
  item,
  user,
  entity,
  canGiveFeedback,
  onRadio,
}: {
  item: Item;
  user: string;
  entity: Entity;
  canGiveFeedback: boolean;
  onRadio: (() => void) | null;
}) {
  const dismiss = useNotInterested(user, entity);
  const label = item.item.artist ? `${item.item.artist} — ${item.item.name}` : item.item.name;
  return (
    <li className="recommendation">
      <div className="recommendation-main">
        <span className="rank num">{item.rank}</span>
        <div>
          <strong className="recommendation-name">{label}</strong>
          <p className="reason">{item.reason}</p>
          <details>
            <summary>Why this?</summary>
            <Explanation score={item.explanation.score} parts={item.explanation.parts} />
          </details>
        </div>
      </div>
      <div className="recommendation-actions">
        {onRadio ? (
          <button type="button" onClick={onRadio} aria-label={`Radio from ${label}`}>
            Radio
          </button>
        ) : null}
        {canGiveFeedback ? (
          <button
            type="button"
            className="danger"
            onClick={() => dismiss.mutate(item.item.id)}
            disabled={dismiss.isPending}
            aria-label={`Not interested in ${label}`}
          >
            Not interested
          </button>
        ) : null}
      </div>
      {dismiss.isError ? <ErrorNotice error={dismiss.error} what="" title="Could not save that." /> : null}
    </li>
  );
}

function Explanation({ score, parts }: { score: number; parts: Part[] }) {
  const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <div className="explanation">
      {shares(score, parts).map((group, g) => (
        <div key={g}>
          {group.model ? (
            <p className="explanation-model">
              {group.model}: {percent.format(group.share)} of the score
            </p>
          ) : null}
          <ul>
            {group.parts.map((p, i) => (
              <li key={i}>
                <span
                  className="share-bar"
                  style={{ width: `${Math.max(2, Math.min(100, Math.abs(p.share) * 100))}%` }}
                />
                <span>
                  {p.label} <span className="muted">{percent.format(p.share)}</span>
                  {p.detail ? <span className="muted"> · {p.detail}</span> : null}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function Radio({ user, seed, name }: { user: string; seed: RadioSeed; name: string }) {
  const radio = useRadio(user, seed);
  const [saving, setSaving] = useState<unknown>(null);
  return (
    <section className="card" aria-labelledby="radio">
      <h2 id="radio">Radio from {name}</h2>
      {radio.isPending ? (
        <Loading what="the playlist" />
      ) : radio.isError ? (
        <ErrorNotice error={radio.error} what="the playlist" />
      ) : (
        <>
          <p>
            <button
              type="button"
              onClick={() => {
                setSaving(null);
                downloadJspf(user, seed, radio.data.title).catch((err: unknown) => setSaving(err));
              }}
            >
              Export as JSPF
            </button>{' '}
            <span className="muted">a playlist file ListenBrainz and many players import</span>
          </p>
          {saving ? <ErrorNotice error={saving} what="" title="Could not export the playlist." /> : null}
          <ol className="playlist">
            {radio.data.tracks.map((t) => (
              <li key={t.recordingId}>
                <strong>{t.title}</strong> <span className="muted">by</span> {t.artist}
                {t.durationMs !== null ? (
                  <span className="muted num"> · {formatDuration(t.durationMs)}</span>
                ) : null}
                <div className="muted reason">{t.reason}</div>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
