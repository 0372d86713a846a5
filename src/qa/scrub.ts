/**
 * Removes what could identify someone from a logged question: e-mail addresses, phone numbers,
 * web addresses and long digit runs; keeps the first 200 characters.
 */
export function scrub(text: string): string {
  return text
    .replace(/[\w.+-]+@[\w-]+\.[\w.-]+/g, '[e-mail]')
    .replace(/https?:\/\/\S+/g, '[lien]')
    .replace(/(?:\+33|0)\s?[1-9](?:[\s.-]?\d{2}){4}/g, '[téléphone]')
    .replace(/\d{5,}/g, '[nombre]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}
