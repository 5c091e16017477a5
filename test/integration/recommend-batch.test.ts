// Research mode on HetRec last.fm-2k (../shared, non-commercial: read from there, never copied):
// `listenhouse recommend batch` for every model writes a valid file — a header, K distinct items
// for every user of the file, none that user has in it — and reports what it did with --json;
// `recommend evaluate` reports every model beside popularity. Bad input gets file:line.
import { Command } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { registerRecommendCommand } from '../../src/cli/commands/recommend.js';
import { hasSharedData, sharedFile } from '../support/shared-data.js';
import { tempDir } from '../support/temp.js';

const dir = tempDir();
afterAll(() => dir.cleanup());
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function recommend(...args: string[]): Promise<{ out: string; err: string; code: number }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  const program = new Command().exitOverride();
  registerRecommendCommand(program);
  await program.parseAsync(['recommend', ...args], { from: 'user' });
  const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
  vi.restoreAllMocks();
  return { out, err, code };
}

const plays = hasSharedData ? sharedFile('hetrec2011-lastfm-2k', 'user_artists.dat') : '';

/** HetRec's artist tags as item features: artist, tag name, users who gave it. */
function tagsFile(): string {
  const names = new Map<string, string>();
  const tags = new TextDecoder('latin1').decode(readFileSync(sharedFile('hetrec2011-lastfm-2k', 'tags.dat')));
  for (const line of tags.split(/\r?\n/).slice(1)) {
    const [id, name] = line.split('\t');
    if (id && name) names.set(id, name);
  }
  const counts = new Map<string, number>();
  const tagged = readFileSync(sharedFile('hetrec2011-lastfm-2k', 'user_taggedartists.dat'), 'utf8');
  for (const line of tagged.split(/\r?\n/).slice(1)) {
    const [, artist, tag] = line.split('\t');
    if (artist && tag)
      counts.set(`${artist}\t${names.get(tag)!}`, (counts.get(`${artist}\t${names.get(tag)!}`) ?? 0) + 1);
  }
  return dir.file('artist_tags.tsv', [...counts].map(([k, n]) => `${k}\t${n}\n`).join(''));
}

describe.skipIf(!hasSharedData)('recommend batch on HetRec last.fm-2k', () => {
  const training = new Map<string, Set<string>>();
  for (const line of (hasSharedData ? readFileSync(plays, 'utf8') : '').split(/\r?\n/).slice(1)) {
    const [user, item] = line.split('\t');
    if (!user || !item) continue;
    if (!training.has(user)) training.set(user, new Set());
    training.get(user)!.add(item);
  }

  for (const model of ['pop', 'itemknn', 'als', 'bpr', 'content', 'hybrid'] as const)
    it(`${model}: K distinct new items for every user, and a --json report`, async () => {
      const out = join(dir.path, `${model}.tsv`);
      const features = model === 'content' || model === 'hybrid' ? ['--item-features', tagsFile()] : [];
      const extra = model === 'bpr' ? ['--iterations', '10'] : [];
      const r = await recommend(
        'batch',
        '--train',
        plays,
        '--model',
        model,
        '--k',
        '10',
        '--out',
        out,
        '--json',
        '--threads',
        '1',
        ...features,
        ...extra,
      );
      expect(r.code).toBe(0);
      const report = JSON.parse(r.out) as Record<string, unknown>;
      expect(report).toMatchObject({ model, users: 1892, items: 17632, non_zeros: 92834, k: 10, out });
      for (const key of ['fit_seconds', 'recommend_seconds', 'peak_memory_bytes'])
        expect(report[key]).toBeGreaterThan(0);
      expect(report).toHaveProperty('seconds_per_iteration');
      const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
      expect(lines[0]).toBe('user\titem\trank');
      const byUser = new Map<string, string[]>();
      for (const line of lines.slice(1)) {
        const [user, item, rank] = line.split('\t');
        const list = byUser.get(user!) ?? [];
        expect(Number(rank)).toBe(list.length + 1);
        list.push(item!);
        byUser.set(user!, list);
      }
      expect(byUser.size).toBe(1892);
      for (const [user, items] of byUser) {
        expect(items).toHaveLength(10);
        expect(new Set(items).size).toBe(10);
        for (const item of items) expect(training.get(user)!.has(item)).toBe(false);
      }
    }, 180_000);

  it('evaluate reports each model beside popularity, with the split and seeds', async () => {
    const r = await recommend(
      'evaluate',
      '--train',
      plays,
      '--model',
      'itemknn',
      '--seeds',
      '1,2',
      '--json',
      '--threads',
      '1',
    );
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as {
      side: string;
      seeds: number[];
      models: { model: string; runs: unknown[]; summary: { ndcg: { mean: number; std: number } } }[];
    };
    expect(doc).toMatchObject({ side: 'test', seeds: [1, 2] });
    expect(doc.models.map((m) => m.model)).toEqual(['pop', 'itemknn']);
    expect(doc.models[1]!.runs).toHaveLength(2);
    expect(doc.models[1]!.summary.ndcg.mean).toBeGreaterThan(doc.models[0]!.summary.ndcg.mean);
  }, 180_000);
});

describe('recommend batch input errors', () => {
  it('names the file and line of a bad weight, exit code 2', async () => {
    const bad = dir.file('bad.tsv', 'a\tx\t1\nb\ty\tmany\n');
    const r = await recommend('batch', '--train', bad, '--out', join(dir.path, 'x.tsv'), '--threads', '1');
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${bad}:2: the weight 'many' is not a number`);
  });

  it('refuses content without features, and an unknown model, before reading anything', async () => {
    const ok = dir.file('ok.tsv', 'a\tx\t1\n');
    const content = await recommend(
      'batch',
      '--train',
      ok,
      '--model',
      'content',
      '--out',
      join(dir.path, 'y.tsv'),
    );
    expect(content.err).toContain('--model content needs --item-features FILE');
    const unknown = await recommend(
      'batch',
      '--train',
      ok,
      '--model',
      'svd',
      '--out',
      join(dir.path, 'y.tsv'),
    );
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("--model takes pop, itemknn, als, bpr, content, hybrid, not 'svd'.");
    writeFileSync(join(dir.path, 'unused'), '');
  });
});
