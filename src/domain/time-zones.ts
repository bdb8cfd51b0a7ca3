/**
 * The time zones a business can be in: a geographic IANA `Area/Location` zone the runtime knows
 * (`Europe/Paris`, `America/Argentina/Buenos_Aires`). Refused: fixed offsets and legacy names
 * (`UTC`, `EST`, `Etc/GMT+5`, `EST5EDT`, `SystemV/…`, `US/Eastern`), which either ignore daylight
 * saving or follow a rule no business follows. Stored profiles written before this rule are still
 * read (`isKnownTimeZone`), so an old client keeps working until its zone is corrected.
 */

/** The tz database's geographic areas (its `zone1970.tab` continents and oceans). */
const AREAS = [
  'Africa',
  'America',
  'Antarctica',
  'Arctic',
  'Asia',
  'Atlantic',
  'Australia',
  'Europe',
  'Indian',
  'Pacific',
] as const;

const SHAPE = new RegExp(`^(${AREAS.join('|')})(/[A-Za-z][A-Za-z0-9_+-]*){1,2}$`);

/** Any zone name the runtime's time-zone database resolves, legacy ones included. */
export function isKnownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

let canonical: ReadonlySet<string> | undefined;

/**
 * `Area/Location` in a geographic area, known to the runtime, and resolving to one of its canonical
 * geographic zones. The canonical list alone is not enough: ICU names some zones by their old link
 * (`America/Buenos_Aires`, `Asia/Calcutta`), so the current names are checked through what they resolve to.
 */
export function isBusinessTimeZone(tz: string): boolean {
  if (!SHAPE.test(tz) || !isKnownTimeZone(tz)) return false;
  canonical ??= new Set(Intl.supportedValuesOf('timeZone'));
  const resolved = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  return canonical.has(resolved) && SHAPE.test(resolved);
}

export const BUSINESS_TIME_ZONE_MESSAGE =
  'expected an IANA time zone such as Europe/Paris (Area/Location; UTC, EST or Etc/… ignore daylight saving)';
