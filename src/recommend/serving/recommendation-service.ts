/**
 * Serving: each user's top-N per entity, computed from the production model when it is promoted
 * and kept in the store with its explanation (24 hours by default); a request reads the kept list,
 * leaves out what the user marked "not interested" and what they played since it was computed, and
 * names the items. A list that is missing or expired is computed again on the spot. Feedback is
 * kept and every later computation leaves those items out.
 */
import { AppError } from '../../domain/errors.js';
import type { User } from '../../domain/user.js';
import {
  recommendationTables,
  type ModelVersionSummary,
  type RecommendationTables,
  type Store,
} from '../../store/index.js';
import { columnCounts } from '../interactions/csr.js';
import {
  readItemInfo,
  readRecentItems,
  readStoreInteractions,
  type Entity,
  type ItemInfo,
  type StoreDataset,
} from '../interactions/from-store.js';
import type { KernelPool } from '../kernels/pool.js';
import type { Explanation, ExplanationPart, ModelKind } from '../models/model.js';
import { decodeArtifact, exclusionFor, historyFor, type TrainedModel } from '../registry/trained-model.js';

export interface ServingSettings {
  /** Items kept per user and entity. */
  listLength: number;
  /** How long a kept list is served before it is computed again. */
  ttlMs: number;
  /** Parts kept in each explanation. */
  explanationParts: number;
}

export const DEFAULT_SERVING: ServingSettings = {
  listLength: 100,
  ttlMs: 24 * 3600_000,
  explanationParts: 5,
};

/** An explanation as stored: item parts by store id. */
export type StoredPart =
  | { kind: 'item'; itemId: number; contribution: number; similarity?: number }
  | { kind: 'feature'; feature: string; contribution: number }
  | { kind: 'popularity'; listeners: number; contribution: number }
  | { kind: 'latent'; contribution: number }
  | { kind: 'model'; model: ModelKind; weight: number; contribution: number; parts: StoredPart[] };

export interface StoredExplanation {
  score: number;
  parts: StoredPart[];
  rest: number;
}

/** A part as answered, item parts named; a hybrid's model parts hold the others. */
export type NamedLeafPart =
  | { kind: 'item'; item: NamedItem; contribution: number; similarity: number | null }
  | { kind: 'feature'; feature: string; contribution: number }
  | { kind: 'popularity'; listeners: number; contribution: number }
  | { kind: 'latent'; contribution: number };
export type NamedPart =
  | NamedLeafPart
  | { kind: 'model'; model: ModelKind; weight: number; contribution: number; parts: NamedLeafPart[] };

export interface NamedItem {
  id: number;
  name: string;
  artist: string | null;
  mbid: string | null;
}

export interface Recommendation {
  rank: number;
  item: NamedItem;
  score: number;
  /** "Because you played X and Y", from the explanation. */
  reason: string;
  explanation: { score: number; parts: NamedPart[]; rest: number };
}

export interface RecommendationList {
  user: string;
  entity: Entity;
  model: { id: number; kind: string; trainedAt: string } | null;
  computedAt: string | null;
  expiresAt: string | null;
  total: number;
  items: Recommendation[];
}

function storedParts(parts: readonly ExplanationPart[], items: readonly string[]): StoredPart[] {
  return parts.map((p): StoredPart => {
    switch (p.kind) {
      case 'item':
        return {
          kind: 'item',
          itemId: Number(items[p.item]),
          contribution: p.contribution,
          ...(p.similarity !== undefined ? { similarity: p.similarity } : {}),
        };
      case 'model':
        return { ...p, parts: storedParts(p.parts, items) };
      default:
        return p;
    }
  });
}

export function toStoredExplanation(e: Explanation, items: readonly string[]): StoredExplanation {
  return { score: e.score, parts: storedParts(e.parts, items), rest: e.rest };
}

function partItems(parts: readonly StoredPart[], out: Set<number>): void {
  for (const p of parts) {
    if (p.kind === 'item') out.add(p.itemId);
    if (p.kind === 'model') partItems(p.parts, out);
  }
}

function named(info: Map<number, ItemInfo>, id: number): NamedItem {
  const i = info.get(id);
  return i
    ? { id, name: i.name, artist: i.artist, mbid: i.mbid }
    : { id, name: `#${id}`, artist: null, mbid: null };
}

function nameLeaves(parts: readonly StoredPart[], info: Map<number, ItemInfo>): NamedLeafPart[] {
  return parts.flatMap((p): NamedLeafPart[] => {
    switch (p.kind) {
      case 'item':
        return [
          {
            kind: 'item',
            item: named(info, p.itemId),
            contribution: p.contribution,
            similarity: p.similarity ?? null,
          },
        ];
      case 'model':
        return nameLeaves(p.parts, info); // a part of a part: no model here makes one
      default:
        return [p];
    }
  });
}

function nameParts(parts: readonly StoredPart[], info: Map<number, ItemInfo>): NamedPart[] {
  return parts.map((p): NamedPart =>
    p.kind === 'model' ? { ...p, parts: nameLeaves(p.parts, info) } : nameLeaves([p], info)[0]!,
  );
}

function flatten(parts: readonly NamedPart[]): NamedLeafPart[] {
  return parts.flatMap((p): NamedLeafPart[] => (p.kind === 'model' ? p.parts : [p]));
}

function list(names: string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
}

/** The sentence behind a recommendation: the listened items, the shared tags, or popularity. */
export function reasonFor(parts: readonly NamedPart[]): string {
  const all = flatten(parts).filter((p) => p.contribution > 0);
  const items = all
    .filter((p): p is Extract<NamedLeafPart, { kind: 'item' }> => p.kind === 'item')
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, 2)
    .map((p) => p.item.name);
  if (items.length > 0) return `Because you played ${list(items)}`;
  const features = all
    .filter((p): p is Extract<NamedLeafPart, { kind: 'feature' }> => p.kind === 'feature')
    .sort((a, b) => b.contribution - a.contribution);
  const artists = features.filter((f) => f.feature.startsWith('artist:')).map((f) => f.feature.slice(7));
  const tags = features
    .filter((f) => !f.feature.startsWith('artist:'))
    .slice(0, 3)
    .map((f) => f.feature.replace(/^tag:/, ''));
  if (artists.length > 0 && (tags.length === 0 || features[0]!.feature.startsWith('artist:')))
    return `More by ${artists[0]!}, whom you play`;
  if (tags.length > 0) return `Shares ${list(tags)} with what you play`;
  const popular = all.find((p) => p.kind === 'popularity');
  if (popular && popular.kind === 'popularity')
    return `Popular here: ${popular.listeners} listener${popular.listeners === 1 ? '' : 's'}`;
  return 'Fits the pattern of your listening';
}

export class RecommendationService {
  private readonly loaded = new Map<Entity, { versionId: number; trained: TrainedModel }>();
  /** Assembled answers by user and entity, good while the store's change count stands. */
  private readonly answers = new Map<
    string,
    { changes: number; expiresAtMs: number; list: RecommendationList }
  >();
  private readonly writes: RecommendationTables;
  private readonly readTables: RecommendationTables;

  constructor(
    private readonly deps: {
      store: Store;
      reads: Store;
      pool: KernelPool;
      now: () => number;
      settings?: Partial<ServingSettings>;
    },
  ) {
    this.writes = recommendationTables(deps.store.db);
    this.readTables = recommendationTables(deps.reads.db);
  }

  get settings(): ServingSettings {
    return { ...DEFAULT_SERVING, ...this.deps.settings };
  }

  /** The production model of an entity (loaded once per version); null when none is promoted. */
  async production(entity: Entity): Promise<{ version: ModelVersionSummary; trained: TrainedModel } | null> {
    const version = await this.readTables.production(entity);
    if (!version) return null;
    let loaded = this.loaded.get(entity);
    if (loaded?.versionId !== version.id) {
      loaded = { versionId: version.id, trained: decodeArtifact(version.artifact, this.deps.pool) };
      this.loaded.set(entity, loaded);
    }
    return { version, trained: loaded.trained };
  }

  /**
   * Computes and keeps the lists of `userIds` (all users with listens when null) from the
   * production model, leaving out their history and what they marked not interested.
   */
  async refresh(entity: Entity, userIds: readonly number[] | null = null): Promise<number> {
    const production = await this.production(entity);
    if (!production) return 0;
    const now = this.deps.now();
    const dataset = await readStoreInteractions(this.deps.reads.db, {
      entity,
      fromMs: 0,
      toMs: now + 1,
      halfLifeDays: 0,
    });
    const users = userIds ? userIds.map(String) : [...dataset.users];
    if (users.length === 0) return 0;
    const { trained, version } = production;
    const history = historyFor(trained, dataset, users);
    const notInterested = await Promise.all(
      users.map((u) => this.readTables.notInterested({ userId: Number(u), entity })),
    );
    const exclude = exclusionFor(
      trained,
      notInterested.map((ids) => ids.map(String)),
    );
    const k = Math.min(this.settings.listLength, trained.items.length);
    const lists = await trained.model.recommend({ history, users: null, k, exclude });
    const fallback = this.popular(dataset, trained);
    for (let row = 0; row < users.length; row++) {
      const rows: { itemId: number; score: number; explanation: string }[] = [];
      const empty = history.indptr[row + 1]! === history.indptr[row]!;
      if (empty) {
        // Nothing of theirs the model knows: the most popular items, said as such.
        const own = new Set(notInterested[row]!.map(String));
        for (const { name, listeners } of fallback) {
          if (rows.length === k) break;
          if (own.has(name)) continue;
          const part: StoredPart = { kind: 'popularity', listeners, contribution: listeners };
          rows.push({
            itemId: Number(name),
            score: listeners,
            explanation: JSON.stringify({ score: listeners, parts: [part], rest: 0 }),
          });
        }
      } else {
        for (let r = 0; r < k; r++) {
          const item = lists.ids[row * k + r]!;
          if (item < 0) break;
          const explanation = await trained.model.explain(history, row, item, this.settings.explanationParts);
          rows.push({
            itemId: Number(trained.items[item]),
            score: lists.scores[row * k + r]!,
            explanation: JSON.stringify(toStoredExplanation(explanation, trained.items)),
          });
        }
      }
      await this.writes.replaceLists({
        userId: Number(users[row]),
        entity,
        versionId: version.id,
        computedAtMs: now,
        expiresAtMs: now + this.settings.ttlMs,
        rows,
      });
    }
    return users.length;
  }

  /** Items by listeners in the store, those the model knows first. */
  private popular(dataset: StoreDataset, trained: TrainedModel): { name: string; listeners: number }[] {
    const counts = columnCounts(dataset.matrix);
    const known = new Set(trained.items);
    return dataset.items
      .map((name, i) => ({ name, listeners: counts[i]! }))
      .sort(
        (a, b) =>
          Number(known.has(b.name)) - Number(known.has(a.name)) ||
          b.listeners - a.listeners ||
          Number(a.name) - Number(b.name),
      );
  }

  /** A user's recommendations, computing them first when none are kept or they expired. */
  /**
   * A user's recommendations, computing them first when none are kept or they expired. The
   * answer is kept in memory too, with the store's change count: while nothing is written (no new
   * listen, no feedback, no new model) it is the answer, and a request costs no query at all.
   */
  async list(
    user: User,
    entity: Entity,
    page: { limit: number; offset: number },
  ): Promise<RecommendationList> {
    const key = `${user.id}\t${entity}`;
    const changes = this.deps.reads.db.changes();
    let full = this.answers.get(key);
    if (!full || full.changes !== changes || full.expiresAtMs <= this.deps.now()) {
      full = await this.assemble(user, entity);
      this.answers.set(key, full);
    }
    return {
      ...full.list,
      items: full.list.items.slice(page.offset, page.offset + page.limit),
    };
  }

  /** The whole list as the API answers it, from the store. */
  private async assemble(
    user: User,
    entity: Entity,
  ): Promise<{ changes: number; expiresAtMs: number; list: RecommendationList }> {
    const now = this.deps.now();
    let cached = await this.readTables.findList({ userId: user.id, entity });
    const production = await this.readTables.productionSummary(entity);
    if (production && (!cached || cached.expiresAtMs <= now || cached.versionId !== production.id)) {
      await this.refresh(entity, [user.id]);
      cached = await this.writes.findList({ userId: user.id, entity });
    }
    // Taken after any refresh: the answer is good until the next write.
    const changes = this.deps.reads.db.changes();
    const base = {
      user: user.name,
      entity,
      model: production
        ? { id: production.id, kind: production.kind, trainedAt: production.trainedAt }
        : null,
    };
    if (!cached)
      return {
        changes,
        expiresAtMs: Infinity,
        list: { ...base, computedAt: null, expiresAt: null, total: 0, items: [] },
      };
    const [notInterested, recent] = await Promise.all([
      this.readTables.notInterested({ userId: user.id, entity }),
      readRecentItems(this.deps.reads.db, { entity, userId: user.id, sinceMs: cached.computedAtMs }),
    ]);
    const hidden = new Set([...notInterested, ...recent]);
    const shown = cached.rows.filter((r) => !hidden.has(r.itemId));
    const explanations = shown.map((r) => JSON.parse(r.explanation) as StoredExplanation);
    const ids = new Set(shown.map((r) => r.itemId));
    for (const e of explanations) partItems(e.parts, ids);
    const info = await readItemInfo(this.deps.reads.db, entity, [...ids]);
    return {
      changes,
      expiresAtMs: cached.expiresAtMs,
      list: {
        ...base,
        computedAt: cached.computedAt,
        expiresAt: cached.expiresAt,
        total: shown.length,
        items: shown.map((r, n) => {
          const parts = nameParts(explanations[n]!.parts, info);
          return {
            rank: n + 1,
            item: named(info, r.itemId),
            score: r.score,
            reason: reasonFor(parts),
            explanation: { score: explanations[n]!.score, parts, rest: explanations[n]!.rest },
          };
        }),
      },
    };
  }

  /** "Not interested" (or null to take it back): kept, and never recommended to the user again. */
  async feedback(
    user: User,
    entity: Entity,
    itemId: number,
    feedback: 'not_interested' | null,
  ): Promise<void> {
    const [known] = [...(await readItemInfo(this.deps.reads.db, entity, [itemId])).keys()];
    if (known === undefined) throw new AppError('NOT_FOUND', `No ${entity} with id ${itemId}.`);
    if (feedback === null) await this.writes.removeFeedback({ userId: user.id, entity, itemId });
    else await this.writes.setFeedback({ userId: user.id, entity, itemId, feedback, atMs: this.deps.now() });
  }

  /** The items most like one item by the production model (best first). */
  async similar(
    entity: Entity,
    itemId: number,
    count: number,
  ): Promise<{ item: NamedItem; similarity: number }[]> {
    const production = await this.production(entity);
    if (!production) return [];
    const column = production.trained.items.indexOf(String(itemId));
    if (column < 0) return [];
    const found = production.trained.model.similarItems?.(column, count) ?? [];
    const ids = found.map((f) => Number(production.trained.items[f.item]));
    const info = await readItemInfo(this.deps.reads.db, entity, ids);
    return found.map((f, n) => ({ item: named(info, ids[n]!), similarity: f.similarity }));
  }
}

const services = new WeakMap<Store, RecommendationService>();

/** The service of a store (one per store, built on first use). */
export function recommendationServiceFor(deps: {
  store: Store;
  reads: Store;
  pool: KernelPool;
  now: () => number;
}): RecommendationService {
  let service = services.get(deps.store);
  if (!service) {
    service = new RecommendationService(deps);
    services.set(deps.store, service);
  }
  return service;
}
