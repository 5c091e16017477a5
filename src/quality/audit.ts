/**
 * The audit: a 0–100 quality score with its breakdown. Each finding has a weight (the weights sum
 * to 100, docs/operations.md lists them) and a rate, the share of its population at fault; it costs
 * weight × rate points. Each finding names its examples and the fix (or command) that addresses it.
 * Reports are kept (audit_reports), so the score has a history.
 */
import type { Database } from '../store/index.js';
import { big, num, str } from '../store/rows.js';
import {
  countOrphans,
  DEFAULT_FUZZY_THRESHOLD,
  findCollaborations,
  findDuplicateArtists,
  findDuplicateRecordings,
  findDuplicateReleases,
  findStations,
  impossibleTimes,
  type DuplicateGroup,
} from './detect.js';

export const FINDINGS = [
  'unmatched',
  'missing-cover',
  'missing-genre',
  'missing-description',
  'collaborations',
  'duplicate-artists',
  'duplicate-releases',
  'duplicate-recordings',
  'radio-streams',
  'orphans',
  'rejected',
  'overlapping-plays',
  'too-long-plays',
] as const;
export type FindingId = (typeof FINDINGS)[number];

/** Points each finding can cost at most: they sum to 100. */
export const WEIGHTS: Readonly<Record<FindingId, number>> = {
  unmatched: 22,
  'missing-cover': 6,
  'missing-genre': 5,
  'missing-description': 4,
  collaborations: 10,
  'duplicate-artists': 7,
  'duplicate-releases': 6,
  'duplicate-recordings': 5,
  'radio-streams': 10,
  orphans: 5,
  rejected: 5,
  'overlapping-plays': 8,
  'too-long-plays': 7,
};

export interface Finding {
  id: FindingId;
  title: string;
  weight: number;
  /** Rows at fault, in `unit`. */
  count: number;
  /** The population the rate is taken over (0: nothing to judge, no cost). */
  of: number;
  unit: string;
  /** count / of, 0..1. */
  rate: number;
  /** Points this finding costs: weight × rate, rounded to 0.1. */
  cost: number;
  examples: string[];
  /** The command that addresses it. */
  fix: string;
}

export interface AuditReport {
  id: number | null;
  createdAt: string;
  score: number;
  listens: number;
  findings: Finding[];
}

export interface AuditOptions {
  now: number;
  /** Fuzzy threshold for duplicates, 0..1. */
  threshold?: number;
  /** Examples per finding. */
  examples?: number;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

async function one(db: Database, sql: string): Promise<number> {
  const [row] = await db.all(sql);
  return num(row?.n, 'n');
}

function duplicateExamples(groups: readonly DuplicateGroup[], limit: number): string[] {
  return groups
    .slice(0, limit)
    .map(
      (g) =>
        `${g.canonical.name} (${g.canonical.plays}) = ${g.others.map((o) => `${o.name} (${o.plays}${o.how === 'fuzzy' ? ', fuzzy' : ''})`).join(', ')}`,
    );
}

/** Runs every check and computes the score. Reads only; `saveAudit` keeps the report. */
export async function runAudit(db: Database, options: AuditOptions): Promise<AuditReport> {
  const threshold = options.threshold ?? DEFAULT_FUZZY_THRESHOLD;
  const limit = options.examples ?? 5;
  const listens = await one(db, 'SELECT count(*) AS n FROM listens');
  const findings: Finding[] = [];
  const add = (f: Omit<Finding, 'weight' | 'rate' | 'cost'>) => {
    const weight = WEIGHTS[f.id];
    const rate = f.of > 0 ? Math.min(1, f.count / f.of) : 0;
    findings.push({ ...f, weight, rate: Math.round(rate * 10_000) / 10_000, cost: round1(weight * rate) });
  };

  // Listens whose (credit, recording, release) has no MusicBrainz match (matched, partial or linked by hand).
  const unmatched = await db.all(
    `SELECT c.name AS artist, r.title, count(*) AS n
     FROM listens l JOIN artist_credits c ON c.id = l.artist_credit_id JOIN recordings r ON r.id = l.recording_id
     WHERE NOT EXISTS (SELECT 1 FROM catalog_matches m WHERE m.credit_id = l.artist_credit_id
       AND m.recording_id = l.recording_id AND m.release_id = coalesce(l.release_id, 0)
       AND m.status IN ('matched', 'partial', 'linked'))
     GROUP BY c.name, r.title ORDER BY n DESC, c.name, r.title`,
  );
  add({
    id: 'unmatched',
    title: 'Listens without a MusicBrainz match',
    count: unmatched.reduce((n, r) => n + num(r.n, 'n'), 0),
    of: listens,
    unit: 'listens',
    examples: unmatched
      .slice(0, limit)
      .map((r) => `${str(r.artist, 'artist')} – ${str(r.title, 'title')} (${num(r.n, 'n')})`),
    fix: 'listenhouse catalog match (or link by hand on the Catalogue page)',
  });

  // Releases with listens, and what enrichment found for them (through their MusicBrainz release group).
  const releases = await db.all(
    `WITH used AS (
       SELECT rel.id, rel.title, any_value(c.name) AS artist, rel.cover_art_url,
         coalesce(rel.release_group_mbid, any_value(m.release_group_mbid)) AS rg,
         coalesce(rel.mbid, any_value(m.release_mbid)) AS release_mbid, count(*) AS plays
       FROM listens l JOIN releases rel ON rel.id = l.release_id
       JOIN artist_credits c ON c.id = l.artist_credit_id
       LEFT JOIN catalog_matches m ON m.credit_id = l.artist_credit_id AND m.recording_id = l.recording_id
         AND m.release_id = l.release_id AND m.status IN ('matched', 'partial', 'linked')
       GROUP BY rel.id, rel.title, rel.cover_art_url, rel.release_group_mbid, rel.mbid)
     SELECT u.title, u.artist, u.plays,
       u.cover_art_url IS NOT NULL OR EXISTS (SELECT 1 FROM enrich_artwork a WHERE
         (a.entity = 'release-group' AND a.mbid = u.rg) OR (a.entity = 'release' AND a.mbid = u.release_mbid)) AS has_cover,
       EXISTS (SELECT 1 FROM enrich_genres g WHERE g.entity = 'release-group' AND g.mbid = u.rg) AS has_genre,
       EXISTS (SELECT 1 FROM enrich_descriptions d WHERE d.entity = 'release-group' AND d.mbid = u.rg) AS has_description
     FROM used u ORDER BY u.plays DESC, u.title`,
  );
  const missing = (flag: string) => releases.filter((r) => r[flag] !== true);
  for (const [id, flag, what] of [
    ['missing-cover', 'has_cover', 'cover'],
    ['missing-genre', 'has_genre', 'genre'],
    ['missing-description', 'has_description', 'description'],
  ] as const) {
    const rows = missing(flag);
    add({
      id,
      title: `Releases without a ${what}`,
      count: rows.length,
      of: releases.length,
      unit: 'releases',
      examples: rows
        .slice(0, limit)
        .map((r) => `${str(r.artist, 'artist')} – ${str(r.title, 'title')} (${num(r.plays, 'plays')} plays)`),
      fix: 'listenhouse enrich (after listenhouse catalog match)',
    });
  }

  const collaborations = await findCollaborations(db);
  add({
    id: 'collaborations',
    title: 'Collaborations stored as one artist',
    count: collaborations.reduce((n, c) => n + c.listens, 0),
    of: listens,
    unit: 'listens',
    examples: collaborations
      .slice(0, limit)
      .map((c) => `${c.name} → ${c.parts.map((p) => p.name).join(' + ')} (${c.listens})`),
    fix: 'listenhouse fix split-collaborations --preview',
  });

  for (const [id, title, find, kind] of [
    ['duplicate-artists', 'Duplicate artists', findDuplicateArtists, 'merge-artists'],
    ['duplicate-releases', 'Duplicate releases', findDuplicateReleases, 'merge-releases'],
    ['duplicate-recordings', 'Duplicate recordings', findDuplicateRecordings, 'merge-recordings'],
  ] as const) {
    const groups = await find(db, threshold);
    add({
      id,
      title: `${title} (spelling, accents, "The", editions, fuzzy ≥ ${Math.round(threshold * 100)}%)`,
      count: groups.reduce((n, g) => n + g.listens, 0),
      of: listens,
      unit: 'listens',
      examples: duplicateExamples(groups, limit),
      fix: `listenhouse fix ${kind} --preview`,
    });
  }

  const stations = await findStations(db);
  add({
    id: 'radio-streams',
    title: 'Radio-stream listens not resolved (the station as artist, "Artist - Title" as title)',
    count: stations.reduce((n, s) => n + s.listens, 0),
    of: listens,
    unit: 'listens',
    examples: stations
      .slice(0, limit)
      .map((s) => `${s.station}: ${s.examples.map((e) => `"${e.title}"`).join(', ')} (${s.listens})`),
    fix: 'listenhouse fix resolve-radio --preview',
  });

  const orphans: Record<string, number> = { ...(await countOrphans(db)) };
  const orphanTotal = Object.values(orphans).reduce((a, b) => a + b, 0);
  const catalogueRows = await one(
    db,
    `SELECT (SELECT count(*) FROM artists) + (SELECT count(*) FROM artist_credits) + (SELECT count(*) FROM recordings)
       + (SELECT count(*) FROM releases) + (SELECT count(*) FROM catalog_matches) AS n`,
  );
  add({
    id: 'orphans',
    title: 'Catalogue rows no listen refers to',
    count: orphanTotal,
    of: catalogueRows,
    unit: 'rows',
    examples: Object.entries(orphans)
      .filter(([, n]) => n > 0)
      .map(([table, n]) => `${table}: ${n}`),
    fix: 'listenhouse fix remove-orphans --preview',
  });

  const rejected = await db.all(
    `SELECT reason, count(*) AS n FROM rejected_records WHERE status = 'rejected' GROUP BY reason ORDER BY n DESC, reason`,
  );
  const rejectedCount = rejected.reduce((n, r) => n + num(r.n, 'n'), 0);
  add({
    id: 'rejected',
    title: 'Rejected records waiting',
    count: rejectedCount,
    of: listens + rejectedCount,
    unit: 'records',
    examples: rejected.slice(0, limit).map((r) => `${str(r.reason, 'reason')}: ${num(r.n, 'n')}`),
    fix: "listenhouse imports (see each run's rejected rows), correct the file and import it again",
  });

  for (const [id, which, title] of [
    ['overlapping-plays', 'overlap', 'Overlapping plays (the next listen starts before this one ends)'],
    ['too-long-plays', 'too-long', 'Plays longer than three times their track'],
  ] as const) {
    const times = await impossibleTimes(db, which, limit);
    add({
      id,
      title,
      count: times.count,
      of: listens,
      unit: 'listens',
      examples: times.examples.map(
        (e) => `#${e.id} ${e.listenedAt} ${e.user}: ${e.artist} – ${e.track}, ${e.reason}`,
      ),
      fix: 'listenhouse fix delete --from … --to … --preview (or correct the listen)',
    });
  }

  const cost = findings.reduce((n, f) => n + f.weight * f.rate, 0);
  return {
    id: null,
    createdAt: new Date(options.now).toISOString(),
    score: round1(Math.max(0, 100 - cost)),
    listens,
    findings,
  };
}

/** Keeps a report (its history is the score's chart); answers it with its id. */
export async function saveAudit(db: Database, report: AuditReport, trigger: string): Promise<AuditReport> {
  const [row] = await db.all(
    `INSERT INTO audit_reports (created_at, score, listens, trigger, report)
     VALUES (make_timestamp($at::BIGINT * 1000), $score, $listens, $trigger, $report) RETURNING id`,
    {
      at: Date.parse(report.createdAt),
      score: report.score,
      listens: report.listens,
      trigger,
      report: JSON.stringify({ ...report, id: null }),
    },
  );
  return { ...report, id: Number(big(row?.id, 'id')) };
}

export interface AuditHistoryEntry {
  id: number;
  createdAt: string;
  score: number;
  listens: number;
  trigger: string;
}

/** The kept reports, oldest first (the last `limit`). */
export async function auditHistory(db: Database, limit = 365): Promise<AuditHistoryEntry[]> {
  const rows = await db.all(
    `SELECT * FROM (SELECT id, strftime(created_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS at, score, listens, trigger
       FROM audit_reports ORDER BY id DESC LIMIT $limit) ORDER BY id`,
    { limit },
  );
  return rows.map((r) => ({
    id: Number(big(r.id, 'id')),
    createdAt: str(r.at, 'at'),
    score: num(r.score, 'score'),
    listens: Number(r.listens),
    trigger: str(r.trigger, 'trigger'),
  }));
}

/** The last kept report, or null. */
export async function latestAudit(db: Database): Promise<AuditReport | null> {
  const [row] = await db.all('SELECT id, report FROM audit_reports ORDER BY id DESC LIMIT 1');
  if (!row) return null;
  const report = JSON.parse(str(row.report, 'report')) as AuditReport;
  return { ...report, id: Number(big(row.id, 'id')) };
}

/** The report as Markdown (`listenhouse audit --markdown`). */
export function auditMarkdown(report: AuditReport): string {
  const lines = [
    `# Data quality: ${report.score}/100`,
    '',
    `${report.listens} listens, audited ${report.createdAt}.`,
    '',
    '| finding | at fault | rate | weight | cost |',
    '|---|---:|---:|---:|---:|',
    ...report.findings.map(
      (f) =>
        `| ${f.title} | ${f.count} of ${f.of} ${f.unit} | ${(f.rate * 100).toFixed(1)}% | ${f.weight} | ${f.cost} |`,
    ),
    '',
  ];
  for (const f of report.findings.filter((x) => x.count > 0)) {
    lines.push(`## ${f.title}`, '', `Fix: \`${f.fix}\``, '');
    for (const e of f.examples) lines.push(`- ${e}`);
    lines.push('');
  }
  return lines.join('\n');
}
