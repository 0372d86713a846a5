import type { Content } from '../../content/content.js';
import type { ChoiceMatch } from './match-choice.js';
import { categoryOptions, modelOptions, readCategory, readModel } from './read-model.js';
import { readDepartement } from './departements.js';
import { functionOptions, readFunction } from './ecosystem-options.js';
import { matchChoice } from './match-choice.js';
import { actorOptions, dimensionOptions, readProfileOption } from './profile-options.js';
import { readHour } from './read-hour.js';
import { readLevel } from './read-level.js';
import { readWeight } from './read-weight.js';
import { readYesNo } from './read-yes-no.js';

/** One typed answer of `test/eval/choices.json` and the option expected. */
export interface ChoiceItem {
  id: string;
  split: 'tune' | 'test';
  context: string;
  text: string;
  expect: string | number;
}

const MAX_WEIGHT = 10;

function outcome<T>(match: ChoiceMatch<T>, id: (option: T) => string): string {
  return match.kind === 'match' ? id(match.option) : match.kind;
}

/**
 * What the understanding layer makes of an item's text, with the options of its context taken
 * from content exactly as the dialogs take them: an option id, a value, `clarify` or `none`.
 */
export function understandItem(item: Pick<ChoiceItem, 'context' | 'text'>, content: Content): string {
  const vocab = content.ui.understanding;
  const [kind, actor, dimension] = item.context.split(':');
  switch (kind) {
    case 'actor':
      return outcome(matchChoice({ text: item.text }, actorOptions(content), vocab, { numbered: true }), (o) => o.id);
    case 'dimension':
      return outcome(readProfileOption(item.text, dimensionOptions(content, actor!, dimension!), vocab), (o) => o.id);
    case 'departement': {
      const read = readDepartement(item.text, content.territories);
      return read.kind === 'match' ? read.place.code : read.kind;
    }
    case 'level': {
      const read = readLevel(item.text, content.scale, vocab);
      return read.kind === 'match' ? String(read.option.value) : read.kind;
    }
    case 'yesno':
      return readYesNo(item.text, vocab) ?? 'none';
    case 'weight': {
      const read = readWeight(item.text, MAX_WEIGHT, content.method.weightWords, vocab);
      return read.kind === 'weight' ? String(read.weight) : 'none';
    }
    case 'category':
      return outcome(readCategory(item.text, categoryOptions(content), vocab), (o) => o.id);
    case 'model':
      return outcome(readModel(item.text, modelOptions(content, undefined), vocab, { numbered: true }), (o) => o.model);
    case 'function':
      return outcome(readFunction(item.text, functionOptions(content), vocab), (o) => o.id);
    case 'hour': {
      const hour = readHour(item.text, vocab);
      return hour === undefined ? 'none' : String(hour);
    }
    default:
      throw new Error(`unknown context « ${item.context} »`);
  }
}

/** Whether an answer is the one expected; a weight may be expected as a range (« 7-8 »). */
export function isExpected(answer: string, expect: string | number): boolean {
  const range = typeof expect === 'string' ? /^(\d+)-(\d+)$/.exec(expect) : null;
  if (range) return /^\d+$/.test(answer) && Number(answer) >= Number(range[1]) && Number(answer) <= Number(range[2]);
  return answer === String(expect);
}

export interface ContextScore {
  context: string;
  total: number;
  right: number;
}

export interface ChoiceEvaluation {
  total: number;
  right: number;
  byContext: ContextScore[];
  misses: Array<ChoiceItem & { got: string }>;
}

/** Accuracy over `items`, per context kind (every `dimension:…` together as well as apart). */
export function evaluateChoices(items: readonly ChoiceItem[], content: Content): ChoiceEvaluation {
  const byContext = new Map<string, ContextScore>();
  const misses: ChoiceEvaluation['misses'] = [];
  let right = 0;
  for (const item of items) {
    const got = understandItem(item, content);
    const ok = isExpected(got, item.expect);
    if (ok) right += 1;
    else misses.push({ ...item, got });
    const key = item.context.split(':')[0]!;
    const score = byContext.get(key) ?? { context: key, total: 0, right: 0 };
    score.total += 1;
    if (ok) score.right += 1;
    byContext.set(key, score);
  }
  return { total: items.length, right, byContext: [...byContext.values()], misses };
}
