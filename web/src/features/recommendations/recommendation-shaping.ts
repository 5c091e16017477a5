/** What the page shows of an explanation: each part's share of the score, and the URL's entity. */

export const ENTITIES = [
  { value: 'recording', label: 'Recordings' },
  { value: 'artist', label: 'Artists' },
  { value: 'release', label: 'Releases' },
] as const;
export type Entity = (typeof ENTITIES)[number]['value'];

export function entityFrom(search: URLSearchParams): Entity {
  const value = search.get('entity');
  return ENTITIES.find((e) => e.value === value)?.value ?? 'recording';
}

/** An explanation part as the API answers it (schema.d.ts's ExplanationPart, narrowed here). */
export type Part =
  | {
      kind: 'item';
      item: { name: string; artist: string | null };
      contribution: number;
      similarity: number | null;
    }
  | { kind: 'feature'; feature: string; contribution: number }
  | { kind: 'popularity'; listeners: number; contribution: number }
  | { kind: 'latent'; contribution: number }
  | { kind: 'model'; model: string; weight: number; contribution: number; parts: Part[] };

export interface Share {
  label: string;
  detail: string | null;
  contribution: number;
  /** Of the score, 0–1 (negative parts pull it down). */
  share: number;
}

const MODEL_NAMES: Record<string, string> = {
  als: 'listening patterns (ALS)',
  itemknn: 'similar items (item-kNN)',
  content: 'tags and artists (content)',
  bpr: 'ranking model (BPR)',
  pop: 'popularity',
};

function label(p: Exclude<Part, { kind: 'model' }>): { label: string; detail: string | null } {
  switch (p.kind) {
    case 'item':
      return {
        label: p.item.artist ? `${p.item.artist} — ${p.item.name}` : p.item.name,
        detail: p.similarity === null ? null : `similarity ${p.similarity.toFixed(2)}`,
      };
    case 'feature':
      return p.feature.startsWith('artist:')
        ? { label: `by ${p.feature.slice(7)}`, detail: 'an artist you play' }
        : { label: p.feature.replace(/^tag:/, ''), detail: 'a tag you play' };
    case 'popularity':
      return { label: 'popular here', detail: `${p.listeners} listener${p.listeners === 1 ? '' : 's'}` };
    case 'latent':
      return { label: 'everything else the model learnt', detail: null };
  }
}

/** The parts as shares of the score, a hybrid's models each with their own. */
export function shares(
  score: number,
  parts: readonly Part[],
): { model: string | null; share: number; parts: Share[] }[] {
  const of = (c: number) => (score === 0 ? 0 : c / score);
  const leaves = (list: readonly Part[]): Share[] =>
    list.flatMap((p) =>
      p.kind === 'model' ? [] : [{ ...label(p), contribution: p.contribution, share: of(p.contribution) }],
    );
  const models = parts.filter((p): p is Extract<Part, { kind: 'model' }> => p.kind === 'model');
  if (models.length === 0) return [{ model: null, share: 1, parts: leaves(parts) }];
  return models.map((m) => ({
    model: `${MODEL_NAMES[m.model] ?? m.model}, weight ${m.weight.toFixed(1)}`,
    share: of(m.contribution),
    parts: leaves(m.parts),
  }));
}
