/** Time zones as the server takes them: IANA names (Europe/Berlin), checked by the browser's Intl first. */

/** Whether `zone` names a time zone this browser knows ("UTC" included). */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Why `zone` cannot be saved, or null when it can. */
export function timeZoneProblem(zone: string): string | null {
  if (zone.trim() === '') return 'Give a time zone, e.g. Europe/Berlin or UTC.';
  if (!isTimeZone(zone.trim()))
    return `“${zone.trim()}” is not a time zone: use an IANA name such as Europe/Berlin, America/New_York or UTC.`;
  return null;
}

/** The zones to suggest: the browser's list (Intl.supportedValuesOf), UTC first, or just UTC. */
export function zoneSuggestions(
  supported: () => string[] = () => Intl.supportedValuesOf('timeZone'),
): string[] {
  try {
    return ['UTC', ...supported().filter((z) => z !== 'UTC')];
  } catch {
    return ['UTC'];
  }
}

/** The fields that differ from what is saved: the body of the PATCH, or null for no change. */
export function settingsChange(
  saved: { privacy: 'private' | 'public'; timeZone: string },
  form: { privacy: 'private' | 'public'; timeZone: string },
): { privacy?: 'private' | 'public'; timeZone?: string } | null {
  const change: { privacy?: 'private' | 'public'; timeZone?: string } = {};
  if (form.privacy !== saved.privacy) change.privacy = form.privacy;
  if (form.timeZone.trim() !== saved.timeZone) change.timeZone = form.timeZone.trim();
  return Object.keys(change).length > 0 ? change : null;
}
