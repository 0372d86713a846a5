/**
 * Folds French text for comparison: lower case, no accents, ligatures split, punctuation and
 * repeated spaces removed. "Plutôt OUI !" and "plutot oui" fold to the same string.
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/giu, 'oe')
    .replace(/æ/giu, 'ae')
    .toLowerCase()
    .replace(/[’'`«»"“”.,;:!?()[\]{}…_/\\-]+/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}
