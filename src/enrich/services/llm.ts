/**
 * Short album and artist descriptions from an OpenAI-compatible chat endpoint
 * (`POST {base}/chat/completions`), with the plain template as the fallback whenever it is not
 * configured or gives nothing usable. Answers are cached like any other (the prompt is the key).
 */
import type { EnrichHttp } from '../http/http-client.js';

type Json = Record<string, unknown>;

export interface DescriptionSubject {
  entity: 'artist' | 'release-group' | 'release';
  title: string;
  artist: string | null;
  year: string | null;
  genres: readonly string[];
  /** Artist facts for the template: type and country ("Group", "GB"). */
  type?: string | null;
  country?: string | null;
}

/** "Title by Artist (Year)" for an album; "Name (Group, GB, 1990)" for an artist. */
export function templateDescription(s: DescriptionSubject): string {
  if (s.entity === 'artist') {
    const facts = [s.type, s.country, s.year].filter((x): x is string => Boolean(x));
    return facts.length > 0 ? `${s.title} (${facts.join(', ')})` : s.title;
  }
  return `${s.title}${s.artist ? ` by ${s.artist}` : ''}${s.year ? ` (${s.year})` : ''}`;
}

export class LlmClient {
  constructor(
    private readonly http: EnrichHttp,
    private readonly settings: { url: string; model: string; key: string | null },
  ) {}

  get model(): string {
    return this.settings.model;
  }

  /** The description; 'unknown' when the model has none to give, 'failed' when the endpoint did not answer. */
  async describe(
    s: DescriptionSubject,
    signal?: AbortSignal,
  ): Promise<{ text: string } | 'unknown' | 'failed'> {
    const what =
      s.entity === 'artist'
        ? `the music artist "${s.title}"`
        : `the album "${s.title}"${s.artist ? ` by ${s.artist}` : ''}${s.year ? ` (${s.year})` : ''}`;
    const prompt = `In two sentences, for a listening-history dashboard, describe ${what}.${s.genres.length > 0 ? ` Genres: ${s.genres.join(', ')}.` : ''} Say only what you are sure of; if you do not know it, answer UNKNOWN.`;
    return this.complete({
      system: 'You write short, factual descriptions of music. No lists, no headings.',
      prompt,
      maxTokens: 160,
      temperature: 0.2,
      // The key descriptions were cached under before complete() existed.
      cacheKey: `${this.settings.model} ${prompt}`,
      signal,
    });
  }

  /**
   * One chat completion: the answer's text (at most 600 characters), 'unknown' when the model
   * answered nothing usable (or UNKNOWN), 'failed' when the endpoint did not answer (an error, a
   * timeout, after the HTTP layer's retries).
   */
  async complete(ask: {
    system: string;
    prompt: string;
    maxTokens: number;
    temperature: number;
    /** The answer is cached under this (default: the model, system and prompt). */
    cacheKey?: string;
    signal?: AbortSignal | undefined;
  }): Promise<{ text: string } | 'unknown' | 'failed'> {
    const body = JSON.stringify({
      model: this.settings.model,
      messages: [
        { role: 'system', content: ask.system },
        { role: 'user', content: ask.prompt },
      ],
      max_tokens: ask.maxTokens,
      temperature: ask.temperature,
    });
    const answer = await this.http.request(
      {
        service: 'llm',
        url: `${this.settings.url.replace(/\/$/, '')}/chat/completions`,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.settings.key ? { authorization: `Bearer ${this.settings.key}` } : {}),
        },
        body,
        cacheKey: ask.cacheKey ?? `${this.settings.model} ${ask.system} ${ask.prompt}`,
        expect: 'json',
      },
      ask.signal,
    );
    if (answer.outcome !== 'found') return 'failed';
    try {
      const choices = (JSON.parse(answer.text) as Json).choices as Json[] | undefined;
      const content = (choices?.[0]?.message as Json | undefined)?.content;
      if (typeof content !== 'string') return 'unknown';
      const text = content.trim();
      return text === '' || /^unknown\.?$/i.test(text) ? 'unknown' : { text: text.slice(0, 600) };
    } catch {
      return 'unknown';
    }
  }
}
