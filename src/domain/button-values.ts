import { z } from 'zod';
import { UiFile } from '../content/schemas.js';
import { DialogId } from './dialog-ids.js';
import type { TurnInput } from './turn-input.js';

/*
 * What a button carries back when it is pressed, built and read here only. A value is written
 * `<prefix>:<field>:<field>…`, its fields in the order the kind declares them; the last field
 * takes the rest (the ids of the question answering hold colons: `qa:faq:ptce`).
 *
 * The strings must not change: Teams keeps the cards of earlier messages pressable, and the web
 * client keeps the buttons of `qa` and `feedback` usable (`src/channels/web/public/chat.js`
 * tests /^(qa|feedback):/). A value that reads as no kind (a button of an older version, a card
 * of a question that has changed) is `unknown`: it answers nothing.
 */

/** An id of the content (kebab-case, README « Editing content »): never a colon, which separates the fields. */
const Id = z.string().regex(/^[^:\s]+$/);
/** An id of an answerable entry (`faq:ptce`, `model:fondation-entreprise`): the last field, colons allowed. */
const EntryId = z.string().regex(/^\S+$/);
/** A whole number written in figures. */
const Figures = z.string().regex(/^\d{1,3}$/).transform(Number);

/** The anytime commands a button may run (the keys of `ui.json` › `commands`). */
export const CommandName = UiFile.shape.commands.keyof();
export type CommandName = z.infer<typeof CommandName>;

export const ButtonValue = z.discriminatedUnion('kind', [
  /** An anytime command (`cmd:menu`), as if its words were typed. */
  z.object({ kind: z.literal('command'), command: CommandName }),
  /** A self-assessment level of one need: it names the need, so that an older need's card answers nothing here. */
  z.object({ kind: z.literal('level'), need: Id, level: z.union([z.literal('unknown'), Figures.pipe(z.number().int().min(0))]) }),
  /** « En savoir plus » on a need. */
  z.object({ kind: z.literal('learn-more'), need: Id }),
  z.object({ kind: z.literal('diagnosis'), action: z.enum(['skip', 'pause']) }),
  z.object({ kind: z.literal('results'), action: z.literal('more') }),
  z.object({ kind: z.literal('actor'), actor: Id }),
  /** An option of a profile detail (`option:pme`). */
  z.object({ kind: z.literal('actor-option'), option: Id }),
  /** A département offered after an answer that could mean several; `none`: the user gives none. */
  z.object({ kind: z.literal('departement'), code: Id }),
  /** The weight of an objective of the carré magique, naming it. */
  z.object({ kind: z.literal('weight'), objective: Id, weight: Figures.pipe(z.number().int().min(0).max(10)) }),
  z.object({ kind: z.literal('category'), category: Id }),
  z.object({ kind: z.literal('model'), model: Id }),
  /** An answer option (`ui.json` › `answers.functions`) to the question on one function of the ecosystem. */
  z.object({ kind: z.literal('function-answer'), question: Id, answer: Id }),
  /** An answer option (`ui.json` › `answers.evaluation`) to one question of the evaluation. */
  z.object({ kind: z.literal('evaluation-answer'), question: Id, answer: Id }),
  z.object({ kind: z.literal('evaluation'), action: z.literal('skip') }),
  /** « Continuer » at the end of a step of the method. */
  z.object({ kind: z.literal('method'), action: z.literal('continue') }),
  /** A step of the journey to open (« mon parcours »). */
  z.object({ kind: z.literal('journey'), dialog: DialogId }),
  z.object({ kind: z.literal('confirm-restart'), answer: z.enum(['yes', 'no']) }),
  z.object({ kind: z.literal('erase-data'), answer: z.enum(['yes', 'no']) }),
  z.object({ kind: z.literal('jeudis'), action: z.enum(['subscribe', 'no', 'hour', 'pause', 'resume', 'stop']) }),
  /** The hour of the Thursday prompt. */
  z.object({ kind: z.literal('hour'), hour: Figures.pipe(z.number().int().min(0).max(23)) }),
  /** Weeks of a break from the Thursday prompts, or `rentree`: until the rentrée (`jeudis.json` › `rentree`). */
  z.object({ kind: z.literal('weeks'), weeks: z.union([z.literal('rentree'), Figures.pipe(z.number().int().min(1))]) }),
  z.object({ kind: z.literal('pairing'), action: z.enum(['invite', 'join', 'cancel']) }),
  /** A topic offered under an answer: the answer to that entry. */
  z.object({ kind: z.literal('qa-topic'), entry: EntryId }),
  /** A 👍/👎 on an answer. */
  z.object({ kind: z.literal('feedback'), vote: z.enum(['up', 'down']), entry: EntryId }),
]);
export type ButtonValue = z.infer<typeof ButtonValue>;
export type ButtonKind = ButtonValue['kind'];

/** A value that is no button of this version (stale, from an older version, or forged). */
export type UnknownButton = { kind: 'unknown'; value: string };

/** The first part of each kind's value. */
const PREFIX = {
  command: 'cmd',
  level: 'level',
  'learn-more': 'learn',
  diagnosis: 'diagnosis',
  results: 'results',
  actor: 'actor',
  'actor-option': 'option',
  departement: 'departement',
  weight: 'weight',
  category: 'category',
  model: 'model',
  'function-answer': 'function',
  'evaluation-answer': 'eval',
  evaluation: 'evaluation',
  method: 'method',
  journey: 'journey',
  'confirm-restart': 'confirm',
  'erase-data': 'erase',
  jeudis: 'jeudis',
  hour: 'hour',
  weeks: 'weeks',
  pairing: 'pairing',
  'qa-topic': 'qa',
  feedback: 'feedback',
} as const satisfies Record<ButtonKind, string>;

/** Each kind's schema and the names of its fields, in the order they are written. */
const FORMATS = ButtonValue.options.map((schema) => ({
  kind: schema.shape.kind.value,
  schema,
  fields: Object.keys(schema.shape).filter((field) => field !== 'kind'),
}));
const BY_PREFIX = new Map<string, (typeof FORMATS)[number]>(FORMATS.map((format) => [PREFIX[format.kind], format]));
const BY_KIND = new Map(FORMATS.map((format) => [format.kind, format]));

/** The value a button of this kind carries. */
export function buttonValue(button: ButtonValue): string {
  const fields = new Map(Object.entries(button));
  return [PREFIX[button.kind], ...BY_KIND.get(button.kind)!.fields.map((field) => String(fields.get(field)))].join(':');
}

/** What a pressed button means, or `unknown`. */
export function readButtonValue(value: string): ButtonValue | UnknownButton {
  const [prefix = '', ...parts] = value.split(':');
  const format = BY_PREFIX.get(prefix);
  if (!format || parts.length < format.fields.length) return { kind: 'unknown', value };
  const last = format.fields.length - 1;
  const written = [...parts.slice(0, last), parts.slice(last).join(':')];
  const read = format.schema.safeParse({ kind: format.kind, ...Object.fromEntries(format.fields.map((field, i) => [field, written[i]])) });
  return read.success ? read.data : { kind: 'unknown', value };
}

/** The button of this kind the user pressed, if they pressed one. */
export function pressed<K extends ButtonKind>(input: Pick<TurnInput, 'value'>, kind: K): Extract<ButtonValue, { kind: K }> | undefined {
  if (input.value === undefined) return undefined;
  const read = readButtonValue(input.value);
  // The compiler does not narrow a union by a generic kind; the test above is that narrowing.
  return read.kind === kind ? (read as Extract<ButtonValue, { kind: K }>) : undefined;
}
