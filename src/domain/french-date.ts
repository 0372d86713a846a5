/**
 * Dates written as French readers expect them: « 1er décembre 2026 » (the first day of a month is
 * an ordinal, the others plain numbers), « jeudi 3 décembre ». `Intl` writes « 1 décembre »; every
 * date the companion writes goes through here.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

type Parts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;

function parts(instant: Date, timeZone: string, options: Intl.DateTimeFormatOptions): Parts {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('fr-FR', { timeZone, ...options });
    formatters.set(key, f);
  }
  return Object.fromEntries(f.formatToParts(instant).map((p) => [p.type, p.value]));
}

/** « 1er », « 2 », « 31 »: the day of the month as it is written before the month's name. */
export function frenchDay(day: number | string): string {
  return Number(day) === 1 ? '1er' : String(Number(day));
}

/** « 1er décembre 2026 » (with `year`), « mardi 1er décembre » (with `weekday`), in `timeZone`. */
export function frenchDate(instant: Date, timeZone: string, options: { weekday?: boolean; year?: boolean } = {}): string {
  const p = parts(instant, timeZone, {
    day: 'numeric',
    month: 'long',
    ...(options.weekday ? { weekday: 'long' } : {}),
    ...(options.year ? { year: 'numeric' } : {}),
  });
  return [options.weekday ? p.weekday : undefined, frenchDay(p.day ?? ''), p.month, options.year ? p.year : undefined].filter(Boolean).join(' ');
}

/** « jeudi 3 décembre à 9 h », in `timeZone`. */
export function frenchDateTime(instant: Date, timeZone: string): string {
  const hour = parts(instant, timeZone, { hour: 'numeric', hourCycle: 'h23' }).hour;
  return `${frenchDate(instant, timeZone, { weekday: true })} à ${Number(hour)} h`;
}
