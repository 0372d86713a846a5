import type { ParsedFiles } from '../../content/content-files.js';
import type { ContentProblem } from '../../content/content-problem.js';
import { departementByCode, departements } from '../../domain/understanding/departements.js';

/**
 * Régions, neighbours and aliases against the official list of départements
 * (`@etalab/decoupage-administratif`): every code exists, every département is in one région, and
 * a border is listed on both sides.
 */
export function checkTerritories(territories: ParsedFiles['territories.json']): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const add = (path: string, message: string) => problems.push({ file: 'territories.json', path, message });
  const official = departements();
  territories.regions.forEach((region, i) =>
    region.departements.forEach((code, j) => {
      const dep = departementByCode(code);
      if (!dep) add(`$.regions[${i}].departements[${j}]`, `département inconnu du découpage officiel « ${code} »`);
      else if (dep.region !== region.code) add(`$.regions[${i}].departements[${j}]`, `« ${code} » (${dep.nom}) est dans la région ${dep.region}, pas ${region.code}`);
    }),
  );
  const listed = new Set(territories.regions.flatMap((r) => r.departements));
  official.forEach((dep) => {
    if (!listed.has(dep.code)) add('$.regions', `département officiel absent des régions « ${dep.code} » (${dep.nom})`);
  });
  for (const [code, list] of Object.entries(territories.neighbours)) {
    if (!departementByCode(code)) add(`$.neighbours.${code}`, `département inconnu du découpage officiel « ${code} »`);
    list.forEach((other, j) => {
      if (!departementByCode(other)) add(`$.neighbours.${code}[${j}]`, `département inconnu du découpage officiel « ${other} »`);
      else if (other === code) add(`$.neighbours.${code}[${j}]`, 'un département n’est pas son propre voisin');
      else if (!(territories.neighbours[other] ?? []).includes(code)) add(`$.neighbours.${other}`, `« ${code} » manque : « ${code} » le donne pour voisin`);
    });
  }
  for (const code of Object.keys(territories.aliases)) {
    if (!departementByCode(code)) add(`$.aliases.${code}`, `département inconnu du découpage officiel « ${code} »`);
  }
  return problems;
}
