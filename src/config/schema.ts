import { z } from 'zod';
import { SECTIONS } from './sections/index.js';
import type { Section, Setting } from './setting.js';

type Sections = typeof SECTIONS;
export type SectionName = Extract<keyof Sections, string>;

/** The validated configuration, one object per section: `config.server.port`. */
export type Config = { [S in SectionName]: z.output<Sections[S]['schema']> };

/** A key's full name, as in messages, flags and `config show`: `server.port`. */
export type ConfigKey = {
  [S in SectionName]: `${S}.${keyof Sections[S]['settings'] & string}`;
}[SectionName];

/** The sections composed into one schema; unknown sections and keys are refused. */
export const configSchema = z.strictObject(
  Object.fromEntries(Object.entries(SECTIONS).map(([name, section]) => [name, section.schema])),
) as unknown as z.ZodType<Config>;

export interface SettingEntry {
  key: ConfigKey;
  section: SectionName;
  name: string;
  setting: Setting;
}

/** Every key in section order, then in the order its section declares them. */
export const SETTINGS: readonly SettingEntry[] = Object.entries(SECTIONS as Record<string, Section>).flatMap(
  ([section, { settings }]) =>
    Object.entries(settings).map(([name, setting]) => ({
      key: `${section}.${name}` as ConfigKey,
      section: section as SectionName,
      name,
      setting,
    })),
);
