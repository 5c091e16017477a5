import { z } from 'zod';

/**
 * One configuration key: how a file gives it (typed, checked by `schema`), how an environment
 * variable or a flag gives it (text, turned into a value by `fromText`), and how to talk about it.
 */
export interface Setting<S extends z.ZodType = z.ZodType> {
  /** Checks a value as a file gives it; carries the default (`.default`) or `.optional()`. */
  readonly schema: S;
  /** What a valid value looks like, for messages: "a port number (0-65535)". */
  readonly expects: string;
  readonly description: string;
  readonly env?: string;
  /** The command-line flag that sets it, e.g. `--port` (commands pass its value in `flags`). */
  readonly flag?: string;
  /** Masked by `config show`, never echoed in an error message. */
  readonly secret?: boolean;
  /** A file path: a relative one in a config file is taken from that file's folder. */
  readonly path?: boolean;
  /** Turns environment or flag text into what `schema` checks; text it cannot read is returned as is. */
  readonly fromText: (text: string) => unknown;
}

/** A section of the config file (`[server]`): its settings and the zod schema they compose into. */
export interface Section<K extends Record<string, Setting> = Record<string, Setting>> {
  readonly settings: K;
  readonly schema: z.ZodType<{ [P in keyof K]: z.output<K[P]['schema']> }>;
}

export function defineSection<K extends Record<string, Setting>>(settings: K): Section<K> {
  const shape = Object.fromEntries(Object.entries(settings).map(([name, s]) => [name, s.schema]));
  return {
    settings,
    schema: z.strictObject(shape) as unknown as Section<K>['schema'],
  };
}

interface Meta {
  description: string;
  env?: string;
  flag?: string;
  secret?: boolean;
}

type WithDefault<T extends z.ZodType> = Setting<z.ZodDefault<T>>;
type WithoutDefault<T extends z.ZodType> = Setting<z.ZodOptional<T>>;

function setting<T extends z.ZodType>(
  base: T,
  meta: Meta & {
    default?: z.output<T>;
    expects: string;
    path?: boolean;
    fromText: (text: string) => unknown;
  },
): Setting {
  const { default: fallback, ...rest } = meta;
  const schema = fallback === undefined ? base.optional() : base.default(fallback as never);
  return { ...rest, schema };
}

/** A string; `pattern` narrows it (its `expects` then says what is wanted). */
export function text(
  meta: Meta & { default: string; pattern?: RegExp; expects?: string; path?: boolean },
): WithDefault<z.ZodString>;
export function text(
  meta: Meta & { pattern?: RegExp; expects?: string; path?: boolean },
): WithoutDefault<z.ZodString>;
export function text(
  meta: Meta & { default?: string; pattern?: RegExp; expects?: string; path?: boolean },
): Setting {
  const base = meta.pattern ? z.string().min(1).regex(meta.pattern) : z.string().min(1);
  return setting(base, { ...meta, expects: meta.expects ?? 'a non-empty string', fromText: (t) => t });
}

/** A whole number from `min` to `max`; environment and flag text must be digits only. */
export function integer(
  meta: Meta & { default: number; min: number; max?: number; expects?: string },
): WithDefault<z.ZodNumber>;
export function integer(
  meta: Meta & { min: number; max?: number; expects?: string },
): WithoutDefault<z.ZodNumber>;
export function integer(
  meta: Meta & { default?: number; min: number; max?: number; expects?: string },
): Setting {
  const base = z
    .number()
    .int()
    .min(meta.min)
    .max(meta.max ?? Number.MAX_SAFE_INTEGER);
  const range = meta.max === undefined ? `${meta.min} or more` : `from ${meta.min} to ${meta.max}`;
  return setting(base, {
    ...meta,
    expects: meta.expects ?? `a whole number ${range}`,
    fromText: (t) => (/^\s*\d+\s*$/.test(t) ? Number(t) : t),
  });
}

const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

/** true or false; environment and flag text: 1/0, true/false, yes/no, on/off. */
export function boolean(meta: Meta & { default: boolean }): WithDefault<z.ZodBoolean> {
  return setting(z.boolean(), {
    ...meta,
    expects: 'true or false (in the environment: 1 or 0, true or false, yes or no, on or off)',
    fromText: (t) => {
      const v = t.trim().toLowerCase();
      return TRUE.has(v) ? true : FALSE.has(v) ? false : t;
    },
  }) as WithDefault<z.ZodBoolean>;
}

/** One of a closed list of words. */
export function oneOf<const V extends readonly [string, ...string[]]>(
  values: V,
  meta: Meta & { default: V[number] },
): WithDefault<z.ZodEnum<{ [K in V[number]]: K }>> {
  return setting(z.enum(values), {
    ...meta,
    expects: `one of ${values.join(', ')}`,
    fromText: (t) => t.trim(),
  }) as WithDefault<z.ZodEnum<{ [K in V[number]]: K }>>;
}
