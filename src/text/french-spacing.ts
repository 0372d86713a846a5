const NBSP = '\u00a0';

/**
 * French typography for every text the companion shows: a no-break space inside « » and before
 * : ; ? ! %, in « 9 h », between the groups of « 1 000 », and ordinals written « 3e », « 1re ».
 * A guillemet, a question mark or the « h » of an hour then never starts a line on a narrow phone
 * screen, and a number is never cut in two. Web addresses are left as they are.
 */
export function frenchSpacing(text: string): string {
  return text
    .split(URL_PARTS)
    .map((part, i) => (i % 2 === 1 ? part : typeset(part)))
    .join('');
}

/** Markdown link targets and bare addresses: split out (odd indexes) and never touched. */
const URL_PARTS = /(\]\([^)\s]*\)|https?:\/\/[^\s)>\]]+|www\.[^\s)>\]]+)/g;

function typeset(text: string): string {
  return (
    text
      // Ordinals: « 3ème », « 17eme », « 2è » → « 3e »; « 1ère » → « 1re ».
      .replace(/\b1(?:ère|ere)\b/g, '1re')
      .replace(/\b(\d+)(?:ème|eme|è)(s?)\b/g, '$1e$2')
      // Guillemets: a no-break space inside, whatever was typed.
      .replace(/«[ \u00a0\u202f]*/g, `«${NBSP}`)
      .replace(/[ \u00a0\u202f]*»/g, `${NBSP}»`)
      // Before : ; ? ! — a space becomes no-break; none at all gets one (not in « 10:30 » or « ?! »).
      .replace(/[ \u202f]([:;?!])/g, `${NBSP}$1`)
      .replace(/([\p{L}\p{N}*)»])([;?!])/gu, `$1${NBSP}$2`)
      .replace(/([\p{L}*)»])(:)(?=\s|$)/gmu, `$1${NBSP}$2`)
      // Percent: « 82 % », also from « 82% ».
      .replace(/(\d)[ \u202f]?%/g, `$1${NBSP}%`)
      // Hours: « 9 h », « 9 h 30 », also from « 9h » and « 9h30 ».
      .replace(/\b(\d{1,2})[ \u202f]?h(?:[ \u202f]?(\d{2}))?\b/g, (_m, h: string, min?: string) => (min ? `${h}${NBSP}h${NBSP}${min}` : `${h}${NBSP}h`))
      // Thousands: « 1 000 », « 12 700 000 » with no-break spaces between the groups.
      .replace(/\b\d{1,3}(?:[ \u202f]\d{3})+\b/g, (n) => n.replace(/[ \u202f]/g, NBSP))
  );
}
