import type { OutMessage } from '../../src/domain/out-message.js';
import { content, Conversation } from './conversation.js';
import { seededRandom as random } from './seeded-random.js';

/**
 * The main journeys of the companion, as three people take them (an association leader, a PME's
 * CSR manager, a local-authority officer), turn by turn: what each did and what the bot answered.
 * Used to hold every bubble to the message budget (test/message-budget.test.ts).
 */
export interface Turn {
  who: string;
  did: string;
  reply: OutMessage[];
}

type Say = (did: string, reply: Promise<OutMessage[]>) => Promise<OutMessage[]>;

async function person(dir: string, who: string, turns: Turn[]): Promise<{ c: Conversation; turn: Say }> {
  const c = await Conversation.open(dir, { userId: who });
  const turn: Say = async (did, reply) => {
    const r = await reply;
    turns.push({ who, did, reply: r });
    return r;
  };
  await turn('connect', c.connect());
  return { c, turn };
}

const has = (c: Conversation, label: RegExp) => c.choices().some((x) => label.test(x.label));

/** Presses the first button matching, if the last question offers one. */
async function pressIf(c: Conversation, turn: Say, label: RegExp): Promise<void> {
  if (has(c, label)) await turn(`press ${label}`, c.press(label));
}

async function diagnosis(c: Conversation, turn: Say, levels: string[]): Promise<void> {
  await turn('diagnostic', c.say('diagnostic'));
  for (const [i, level] of levels.entries()) {
    if (i === 1) {
      // A question asked in the middle, then « en savoir plus », then the answer.
      await turn('question mid-diagnosis', c.say("c'est quoi un PTCE ?"));
      await turn('question mid-diagnosis (2)', c.say('combien de bénévoles en France ?'));
      await pressIf(c, turn, new RegExp(content.needs[1]!.learnMore?.label ?? '^$'));
    }
    if (i === 3) await turn('typed level', c.say(level === '2' ? 'plutôt non' : level));
    else await turn(`press level ${level}`, c.press(new RegExp(`^${level} ·`)));
  }
}

async function method(c: Conversation, turn: Say, weights: string[], category: RegExp, option: number): Promise<void> {
  await turn('méthode', c.say('méthode'));
  await turn('étape 1', c.press(/Étape 1/));
  for (const w of weights) await turn(`weight ${w}`, c.say(w));
  await turn('continuer', c.press('Continuer'));
  await turn('category', c.press(category));
  await turn('model', c.press(c.choices()[option]!.label));
  await turn('continuer', c.press('Continuer'));
  for (const label of [/besoin/, /déjà/, /besoin/, /Pas pour nous/]) await turn(`function ${label}`, c.press(label));
  await turn('continuer', c.press('Continuer'));
  for (let i = 0; i < 20 && c.choices().length > 0; i++) {
    if (has(c, /Passer cette question/)) await turn('open answer', c.say('Nous avons appris à travailler avec les entreprises du quartier.'));
    else if (has(c, /^En partie$/)) await turn('evaluation answer', c.press(i % 3 === 0 ? /^En partie$/ : /^Oui$/));
    else break;
  }
}

/** Every turn of the three journeys (a fresh user each, in `dir`). */
export async function mainJourneys(dir: string): Promise<Turn[]> {
  const turns: Turn[] = [];

  const asso = await person(dir, 'association', turns);
  await asso.turn('actor', asso.c.press(/^Association/));
  await asso.turn('option', asso.c.press(/employeuse/i));
  await asso.turn('option', asso.c.press(/intérêt général/));
  await asso.turn('département', asso.c.say('69'));
  await diagnosis(asso.c, asso.turn, ['3', '2', '3', '2', '2', '1', '2']);
  await asso.turn('more', asso.c.press(/Voir plus/));
  await asso.turn('bilan', asso.c.say('mon bilan'));
  await method(asso.c, asso.turn, ['1', '2', '5', '4'], /recommandée/, 0);
  await asso.turn('bilan', asso.c.say('mon bilan'));
  await asso.turn('question', asso.c.say('des exemples près de chez moi ?'));
  await asso.turn('jeudis', asso.c.say('jeudis'));
  await pressIf(asso.c, asso.turn, /Oui, chaque jeudi/);
  await pressIf(asso.c, asso.turn, /^9/);

  const pme = await person(dir, 'pme', turns);
  await pme.turn('actor', pme.c.say('une PME'));
  if (pme.c.choices().some((x) => /PME/.test(x.label))) await pme.turn('option', pme.c.press(/PME/));
  await pme.turn('département', pme.c.say('Marseille'));
  await diagnosis(pme.c, pme.turn, ['4', '4', '4', '4', '4', '4', '4']);
  await pme.turn('bilan', pme.c.say('mon bilan'));
  await method(pme.c, pme.turn, ['8', '2', '1', '3'], /^Pratiques responsables|recommandée/, 1);
  await pme.turn('jumelage', pme.c.say('jumelage'));
  await pressIf(pme.c, pme.turn, /Inviter/);
  await pme.turn('question', pme.c.say('quelle différence entre mécénat et parrainage ?'));
  await pme.turn('question', pme.c.say("c'est quoi le mécénat de compétences ?"));

  const town = await person(dir, 'collectivite', turns);
  await town.turn('actor', town.c.say('une mairie'));
  for (let i = 0; i < 3 && !has(town.c, /^Diagnostic|^Reprendre/); i++) {
    const choices = town.c.choices();
    if (choices.length > 0 && !has(town.c, /préfère ne pas/)) await town.turn('option', town.c.press(choices[0]!.label));
    else await town.turn('département', town.c.say('Rennes'));
  }
  await diagnosis(town.c, town.turn, ['1', '1', '2', '1', '1', '2', '1']);
  await town.turn('bilan', town.c.say('mon bilan'));
  await method(town.c, town.turn, ['3', '3', '3', '3'], /recommandée/, 0);
  await town.turn('aide', town.c.say('aide'));
  await town.turn('menu', town.c.say('menu'));
  await town.turn('question', town.c.say('qui est le catalyseur territorial ?'));
  await town.turn('évaluation again', town.c.say('évaluation'));
  return turns;
}


const TYPED = [
  '2', 'oui', 'non', 'je ne sais pas', 'patate', '69', 'Lyon', '9', 'plutôt', "c'est quoi un PTCE ?", 'mairie', 'PME', 'le deuxième',
  'prioritaire', 'on veut co-construire un service avec une entreprise', 'combien de bénévoles en France ?', 'des exemples près de chez moi',
  "qu'est-ce que le mécénat ?", 'la mesure 18', 'ABCD-EFGH',
];

/**
 * Seeded random conversations (buttons pressed, answers typed, anytime commands), as the
 * typography test has: they reach what the scripted journeys do not (pairing, the Jeudis, asides).
 */
export async function randomWalks(dir: string, seeds: number, steps: number): Promise<Turn[]> {
  const commands = Object.values(content.ui.commands).map((words) => words[0]!);
  const turns: Turn[] = [];
  for (let seed = 1; seed <= seeds; seed++) {
    const next = random(seed);
    const who = `walker-${seed}`;
    const c = await Conversation.open(dir, { userId: who });
    turns.push({ who, did: 'connect', reply: await c.connect() });
    for (let i = 0; i < steps; i++) {
      const choices = c.choices();
      const r = next();
      if (choices.length > 0 && r < 0.7) {
        const choice = choices[Math.floor(next() * choices.length)]!;
        turns.push({ who, did: `press ${choice.label}`, reply: await c.press(choice.label) });
      } else {
        const text = r < 0.85 ? TYPED[Math.floor(next() * TYPED.length)]! : commands[Math.floor(next() * commands.length)]!;
        turns.push({ who, did: `say « ${text} »`, reply: await c.say(text) });
      }
    }
  }
  return turns;
}
