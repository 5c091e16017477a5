/**
 * The short text of a listening report: written by the OpenAI-compatible chat endpoint when one is
 * configured (the haiku of the week, the summary of the month, the paragraph of the year), and by a
 * plain template when none is, or when it fails, times out or answers nothing usable.
 */
import type { LlmClient } from './services/llm.js';

/** What the text may say: plain facts of the report (stats/period-report.ts). */
export interface ReportFacts {
  period: 'week' | 'month' | 'year';
  plays: number;
  /** Plays against the period before, as a share; null without one. */
  change: number | null;
  topArtists: readonly string[];
  topTracks: readonly string[];
  discoveries: readonly string[];
  busiestHour: number | null;
  busiestWeekday: string | null;
}

export interface ReportText {
  text: string;
  source: 'llm' | 'template';
  /** The model that wrote it, for an llm text. */
  model: string | null;
  /** Why the template was used when an endpoint is configured (failed | unknown). */
  fallback: string | null;
}

const PERIOD_WORD = { week: 'week', month: 'month', year: 'year' } as const;

export function templateReportText(f: ReportFacts): string {
  if (f.plays === 0) return `No listens this ${PERIOD_WORD[f.period]}.`;
  const change =
    f.change === null
      ? ''
      : f.change === 0
        ? ', as many as the one before'
        : `, ${Math.abs(Math.round(f.change * 100))}% ${f.change > 0 ? 'more' : 'fewer'} than the one before`;
  const parts = [`${f.plays} listens this ${PERIOD_WORD[f.period]}${change}.`];
  if (f.topArtists.length > 0) parts.push(`Most played: ${f.topArtists.slice(0, 3).join(', ')}.`);
  if (f.discoveries.length > 0) parts.push(`New to you: ${f.discoveries.slice(0, 3).join(', ')}.`);
  if (f.busiestWeekday !== null && f.busiestHour !== null)
    parts.push(`You listened most on ${f.busiestWeekday}s, around ${f.busiestHour}:00.`);
  return parts.join(' ');
}

const ASK: Readonly<Record<ReportFacts['period'], { form: string; maxTokens: number }>> = {
  week: { form: 'a haiku (three lines, 5-7-5 syllables) about this week of listening', maxTokens: 80 },
  month: { form: 'a summary of this month of listening in three sentences', maxTokens: 160 },
  year: { form: 'a short paragraph (at most five sentences) about this year of listening', maxTokens: 260 },
};

export async function writeReportText(
  llm: LlmClient | null,
  facts: ReportFacts,
  signal?: AbortSignal,
): Promise<ReportText> {
  const template = templateReportText(facts);
  if (llm === null || facts.plays === 0)
    return { text: template, source: 'template', model: null, fallback: null };
  const ask = ASK[facts.period];
  const prompt =
    `Write ${ask.form}. Use only these facts: ${JSON.stringify(facts)}. ` +
    'No lists, no headings, no numbers you were not given.';
  const answer = await llm.complete({
    system: 'You write short, warm texts about a person’s music listening for their dashboard.',
    prompt,
    maxTokens: ask.maxTokens,
    temperature: 0.7,
    signal,
  });
  if (typeof answer === 'string')
    return { text: template, source: 'template', model: null, fallback: answer };
  return { text: answer.text, source: 'llm', model: llm.model, fallback: null };
}
