/**
 * Removes what could identify someone from a logged question, before it is kept for content
 * authors: e-mail addresses, web addresses, French phone numbers in all their usual shapes
 * (« +33 (0)6 12 34 56 78 », « 06.12.34.56.78 », « 0033 6… »), street addresses (« 12 bis rue
 * de la Paix »), postcodes with their town, PO boxes, the name after « je m'appelle », « M. »,
 * « Mme »…, and any other run of 5 digits or more (SIRET, IBAN, account numbers); keeps the
 * first 200 characters.
 */
export function scrub(text: string): string {
  return scrubNames(text.normalize('NFC'))
    .replace(/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, '[e-mail]')
    .replace(/\b(?:https?:\/\/|www\.)\S+/gi, '[lien]')
    .replace(PHONE, '[téléphone]')
    .replace(STREET, '[adresse]')
    .replace(/\b(?:BP|CS|TSA)\s*\d+/g, '[adresse]')
    .replace(/\b\d{2}\s?\d{3}\s+(?:\p{Lu}[\p{L}'-]*)(?:[ -](?:\p{Lu}[\p{L}'-]*|sur|sous|en|l[ae]s?|de|du|d'))*/gu, '[adresse]')
    .replace(/\d(?:[\s.-]?\d){4,}/g, '[nombre]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

/** +33 / 0033 / 0, an optional « (0) », then 9 digits in groups separated by spaces, dots or dashes. */
const PHONE = /(?:(?:\+|00)\s?33\s?(?:\(0\)\s?)?|\b0)[1-9](?:[\s.-]?\d){8}\b/g;

const STREET_WORDS =
  'rue|avenue|av\\.?|boulevard|bd|place|pl\\.?|chemin|impasse|allée|allee|route|quai|cours|square|passage|faubourg|fbg|lieu-dit|lotissement|résidence|residence|voie|sentier|esplanade|parvis|hameau|rond-point';
/** A street number (with bis, ter…), a kind of street, then its name up to a comma or the end of the clause. */
const STREET = new RegExp(`\\b\\d{1,4}\\s?(?:bis|ter|quater|[a-d])?,?\\s+(?:${STREET_WORDS})\\b[^,;.?!\\n]*`, 'giu');

/** Words that introduce a person's name, in any case. */
const INTRO = /(?<![\p{L}])(je m['’]appelle|mon nom est|moi c['’]est|m\.|mme|mlle|monsieur|madame|mademoiselle|docteur|dr\.?|maître)\s+/giu;
/** The name itself: up to three words starting with a capital (case matters here). */
const NAME_WORDS = /\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,2}/uy;

/** Replaces the capitalised words right after an introduction (« je m'appelle Jean Dupont ») by [nom]. */
function scrubNames(text: string): string {
  let out = '';
  let from = 0;
  for (const match of text.matchAll(INTRO)) {
    const after = match.index + match[0].length;
    if (after < from) continue;
    NAME_WORDS.lastIndex = after;
    const name = NAME_WORDS.exec(text);
    if (!name) continue;
    out += `${text.slice(from, after)}[nom]`;
    from = after + name[0].length;
  }
  return out + text.slice(from);
}
