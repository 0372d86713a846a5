import { execFile } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readContent } from '../src/infra/content/load-content.js';
import { checkContent } from '../src/infra/content/check-content.js';
import { formatProblem } from '../src/content/content-problem.js';
import { fold } from '../src/text/fold.js';
import { CONTENT_DIR, content } from './helpers/conversation.js';
import { startTestServer } from './helpers/server.js';
import { tempDir } from './helpers/temp-dir.js';

const SEEDS = new URL('../../shared/seeds/', import.meta.url).pathname;
const SEED_FILES = [
  '000_addb04da5863d196.txt',
  '001_56bd802f834b3c91.txt',
  '002_ba81404e8a057324.txt',
  '003_5f7db9ad5808ebbb.txt',
  '004_2ca2561172c527aa.txt',
];
const seed = (file: string) => readFileSync(path.join(SEEDS, file), 'utf8');
/** Seeds wrap lines, vary spaces and drop accents on capitals; compare folded text. */
const squash = (s: string) => fold(s);

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
  cpSync(CONTENT_DIR, tmp.dir, { recursive: true });
});
afterEach(() => tmp.cleanup());

// Tests break arbitrary places of the JSON on purpose, so the shape is deliberately untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function edit(file: string, change: (json: Record<string, any>) => void) {
  const full = path.join(tmp.dir, file);
  const json = JSON.parse(readFileSync(full, 'utf8'));
  change(json);
  writeFileSync(full, JSON.stringify(json, null, 2));
}

describe('the content store', () => {
  it('holds the 7 needs of the kit with their questions word for word', () => {
    expect(content.needs.map((n) => n.id)).toEqual([
      'capacite-innovation',
      'ecosysteme',
      'strategie',
      'modele-socio-economique',
      'faire-alliance',
      'numerique',
      'evaluer-pertinence',
    ]);
    const kit = squash(seed('003_5f7db9ad5808ebbb.txt'));
    for (const need of content.needs) for (const q of need.questions) expect(kit).toContain(squash(q));
  });

  it('holds the 4 partnership categories and their 9 models with the kit’s definitions', () => {
    // The kit's « l'A à l'E » is written out for non-experts (« l'association à l'entreprise »; see the model's note).
    const kit = squash(seed('003_5f7db9ad5808ebbb.txt')).replaceAll('l a a l e', 'l association a l entreprise');
    const models = content.method.categories.flatMap((c) => c.models);
    expect(models).toHaveLength(9);
    for (const model of models) expect(kit).toContain(squash(model.definition));
  });

  it('holds the 4 functions of territorial co-construction with département numbers of their examples', () => {
    expect(content.ecosystem.functions.map((f) => f.id)).toEqual([
      'dialogue-territorial',
      'experimentations-collectives',
      'accompagnements',
      'gestion-lieu',
    ]);
    const examples = content.ecosystem.functions.flatMap((f) => f.examples);
    expect(examples.find((e) => e.name.startsWith('Silver Geek'))?.departement).toBe('86');
  });

  it('catalogues at least 25 tools, each with a source, and URLs taken from the seeds or corrected with a note', () => {
    expect(content.tools.length).toBeGreaterThanOrEqual(25);
    const allSeeds = SEED_FILES.map((f) => seed(f)).join('').replace(/\s+/g, '');
    for (const tool of content.tools) {
      expect(tool.source.length).toBeGreaterThan(0);
      if (!tool.url) continue;
      const bare = tool.url.replace(/^https?:\/\//, '').replace(/\/$/, '');
      if (!allSeeds.includes(bare)) expect(tool.note, `${tool.id}: URL ${tool.url} absent from the seeds and no note`).toBeDefined();
    }
  });

  it('names the three 360° autodiagnostics of the kit', () => {
    const ids = content.tools.map((t) => t.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'autodiagnostic-rse-partenariats',
        'autodiagnostic-strategie-partenariale',
        'autodiagnostic-fragilites-co-construction',
      ]),
    );
  });
});

describe('content validation', () => {
  it('reports a tool naming an unknown need with the file and the JSON path', () => {
    edit('tools.json', (json) => (json.tools[2].needs = ['besoin-inexistant']));
    const result = readContent(tmp.dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toContainEqual({
      file: 'tools.json',
      path: '$.tools[2].needs[0]',
      message: 'besoin inconnu « besoin-inexistant »',
    });
  });

  it('reports a missing field and a wrong type at their exact paths, in several files at once', () => {
    edit('needs.json', (json) => delete json.needs[4].title);
    edit('method.json', (json) => (json.categories[1].models[0].examples = 'pas une liste'));
    const result = readContent(tmp.dir);
    if (result.ok) throw new Error('expected problems');
    const where = result.problems.map((p) => `${p.file} ${p.path}`);
    expect(where).toContain('needs.json $.needs[4].title');
    expect(where).toContain('method.json $.categories[1].models[0].examples');
  });

  it('reports invalid JSON and a broken template by file name', () => {
    writeFileSync(path.join(tmp.dir, 'ecosystem.json'), '{ "intro": ');
    writeFileSync(path.join(tmp.dir, 'templates/menu/menu.njk'), '{% if %}');
    const result = readContent(tmp.dir);
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.find((p) => p.file === 'ecosystem.json')?.message).toMatch(/JSON invalide/);
    expect(result.problems.find((p) => p.file === 'templates/menu/menu.njk')?.message).toMatch(/modèle invalide/);
  });

  it('holds to the writing rules: dated facts dated, typography, acronyms, seed passages that exist', () => {
    const result = checkContent(CONTENT_DIR, SEEDS);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  });

  it('reports a dated fact without its year, a wrong ordinal, an unknown acronym and a missing seed line, each at its path', () => {
    edit('knowledge.json', (k) => {
      k.figures[0].statement = "Aujourd'hui, la 3ème vague des partenariats du XYZW.";
    });
    edit('teachings.json', (t) => {
      t.teachings[0].source[0].lines = [1, 99999];
    });
    const result = checkContent(tmp.dir, SEEDS);
    const problems = result.ok ? [] : result.problems.map(formatProblem);
    expect(problems).toContainEqual(expect.stringMatching(/knowledge\.json \$\.figures\[0\]\.statement : fait daté sans son année/));
    expect(problems).toContainEqual(expect.stringMatching(/knowledge\.json \$\.figures\[0\]\.statement : ordinal « 3ème »/));
    expect(problems).toContainEqual(expect.stringMatching(/knowledge\.json \$\.figures\[0\]\.statement : sigle « XYZW » absent de glossary\.json/));
    expect(problems).toContainEqual(expect.stringMatching(/teachings\.json \$\.teachings\[0\]\.source\[0\]\.lines : lignes 1-99999/));
  });

  it('reports duplicate ids', () => {
    edit('tools.json', (json) => (json.tools[1].id = json.tools[0].id));
    const result = readContent(tmp.dir);
    if (result.ok) throw new Error('expected problems');
    expect(result.problems.map((p) => p.path)).toContain('$.tools[1].id');
  });

  it('`npm run content:check` lists the problems and exits non-zero on a broken store, zero on the real one', async () => {
    const run = promisify(execFile);
    const cli = new URL('../src/cli/content-check-cli.ts', import.meta.url).pathname;
    const tsx = new URL('../node_modules/.bin/tsx', import.meta.url).pathname;
    const ok = await run(tsx, [cli, CONTENT_DIR]);
    expect(ok.stdout).toMatch(/Contenu valide/);
    edit('tools.json', (json) => (json.tools[0].audience = ['martien']));
    const failed = await run(tsx, [cli, tmp.dir]).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain("tools.json $.tools[0].audience[0] : type d'acteur inconnu « martien »");
  });
});

describe('start-up with broken content', () => {
  it('refuses to start the server and lists the same problems as content:check', async () => {
    edit('tools.json', (json) => (json.tools[0].needs = ['inconnu']));
    const data = tempDir();
    try {
      await expect(startTestServer(data.dir, { CONTENT_DIR: tmp.dir })).rejects.toThrow(
        /tools\.json \$\.tools\[0\]\.needs\[0\] : besoin inconnu « inconnu »/,
      );
    } finally {
      data.cleanup();
    }
  });
});
