/** Pure shaping for the Data health page (tested without a browser). */

/** The fix kind a finding's fix command names (`listenhouse fix merge-artists --preview`), or null. */
export function fixKindOf(command: string): string | null {
  return /listenhouse fix ([a-z-]+)/.exec(command)?.[1] ?? null;
}

/** Fixes that change many rows by a rule a person should choose (never offered as a one-click button). */
const CHOSEN_BY_HAND = new Set(['delete', 'hide']);

export function isOneClickFix(kind: string | null): kind is string {
  return kind !== null && !CHOSEN_BY_HAND.has(kind);
}

/** A phase's volumes as short text: "listens 120, findings 4". */
export function volumesText(volumes: Record<string, number>): string {
  return Object.entries(volumes)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

/** Seconds from milliseconds, one decimal. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
