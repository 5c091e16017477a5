// The dashboard benchmark's arithmetic and its table: pure, so it is tested on its own
// (bench/web-report.test.ts).

/** One navigation: when the page was drawn and how long each API call took, ms from navigation start. */
export interface PageRun {
  drawnMs: number;
  /** Path and query of each API call → its time (resource timing: startTime to responseEnd). */
  calls: Record<string, number>;
}

export interface PageSummary {
  page: string;
  url: string;
  runs: number;
  drawnMs: number;
  /** The median over runs of each run's slowest API call. */
  slowestCallMs: number;
  /**
   * Each call's median over the runs that made it (in the browser, with the page's other calls in
   * flight), and, when timed, its median asked alone, one request at a time (what the server takes).
   */
  calls: { call: string; medianMs: number; runs: number; aloneMs?: number }[];
}

export const GOALS = { dataMs: 200, drawnMs: 1000 } as const;

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarisePage(page: string, url: string, runs: readonly PageRun[]): PageSummary {
  const byCall = new Map<string, number[]>();
  for (const run of runs)
    for (const [call, ms] of Object.entries(run.calls)) byCall.set(call, [...(byCall.get(call) ?? []), ms]);
  return {
    page,
    url,
    runs: runs.length,
    drawnMs: median(runs.map((r) => r.drawnMs)),
    slowestCallMs: median(runs.map((r) => Math.max(0, ...Object.values(r.calls)))),
    calls: [...byCall]
      .map(([call, times]) => ({ call, medianMs: median(times), runs: times.length }))
      .sort((a, b) => b.medianMs - a.medianMs),
  };
}

export function goalsMet(pages: readonly PageSummary[]): { data: boolean; drawn: boolean } {
  return {
    data: pages.every((p) => p.slowestCallMs < GOALS.dataMs),
    drawn: pages.every((p) => p.drawnMs < GOALS.drawnMs),
  };
}

const ms = (n: number) => (Number.isNaN(n) ? '–' : `${Math.round(n).toLocaleString('en')} ms`);

/** Columns padded to their widest cell; numbers right-aligned. */
export function formatTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  right: number[] = [],
): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (right.includes(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatReport(pages: readonly PageSummary[]): string {
  const met = goalsMet(pages);
  const main = formatTable(
    ['page', 'drawn (median)', 'slowest API call (median)', 'API calls', 'runs'],
    pages.map((p) => [p.page, ms(p.drawnMs), ms(p.slowestCallMs), String(p.calls.length), String(p.runs)]),
    [1, 2, 3, 4],
  );
  const calls = formatTable(
    ['page', 'API call', 'in the page (median)', 'alone (median)'],
    pages.flatMap((p) => p.calls.map((c) => [p.page, c.call, ms(c.medianMs), ms(c.aloneMs ?? Number.NaN)])),
    [2, 3],
  );
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  return [
    main,
    '',
    calls,
    '',
    `Goals: every API call under ${GOALS.dataMs} ms: ${verdict(met.data)}; every page drawn under ${GOALS.drawnMs} ms: ${verdict(met.drawn)}.`,
  ].join('\n');
}
