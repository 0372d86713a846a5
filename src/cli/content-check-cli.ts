import path from 'node:path';
import { checkContent } from '../infra/content/check-content.js';
import { formatProblem } from '../content/content-problem.js';

// `npm run content:check [dir]`: lists every problem with file and JSON path, exits 1 if any:
// what the server checks at start-up, plus the writing rules (dated facts, typography, acronyms)
// and the seed passages cited (SEEDS_DIR, by default ../shared/seeds when it is there).
const dir = path.resolve(process.argv[2] ?? process.env.CONTENT_DIR ?? 'content');
const result = checkContent(dir, process.env.SEEDS_DIR);
if (result.ok) {
  const c = result.content;
  console.log(
    `Contenu valide (${dir}) : ${c.actors.length} types d'acteurs, ${c.needs.length} besoins, ${c.tools.length} outils, ` +
      `${c.method.categories.reduce((n, cat) => n + cat.models.length, 0)} modèles de partenariat, ` +
      `${c.ecosystem.functions.length} fonctions territoriales, ${c.knowledge.figures.length} chiffres clés.`,
  );
} else {
  console.error(`Contenu invalide (${dir}) : ${result.problems.length} problème(s)`);
  for (const p of result.problems) console.error(`  - ${formatProblem(p)}`);
  process.exitCode = 1;
}
