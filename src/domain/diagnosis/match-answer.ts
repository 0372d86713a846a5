import { fold } from '../../text/fold.js';
import type { ScaleLevel } from '../../content/schemas.js';
import type { Choice } from '../out-message.js';
import { buttonValue, type CommandName } from '../button-values.js';
import type { TurnInput } from '../turn-input.js';

/** Button value if the user pressed one, else the typed text. */
function raw(input: TurnInput): string {
  return input.value ?? input.text;
}

/** The choice the user picked, by button value, by its label typed out, or by its number when `numbered`. */
export function matchChoice(input: TurnInput, choices: Choice[], options: { numbered?: boolean } = {}): Choice | undefined {
  const exact = choices.find((c) => c.value === raw(input));
  if (exact) return exact;
  const typed = fold(input.text);
  if (typed === '') return undefined;
  const byLabel = choices.find((c) => fold(c.label) === typed || fold(c.value) === typed);
  if (byLabel) return byLabel;
  if (options.numbered && /^\d{1,2}$/.test(typed)) return choices[Number(typed) - 1];
  return undefined;
}

// Command word lists come from the content store and never change: fold each list once.
const foldedWords = new WeakMap<string[], Set<string>>();
function folded(words: string[]): Set<string> {
  let set = foldedWords.get(words);
  if (!set) {
    set = new Set(words.map(fold));
    foldedWords.set(words, set);
  }
  return set;
}

/**
 * True when the input is one of these command words, or a button carrying `cmd:<name>`. A button
 * is only ever its value: a button labelled like a command word is not that command.
 */
export function isCommand(input: TurnInput, name: CommandName, words: string[]): boolean {
  if (input.value !== undefined) return input.value === buttonValue({ kind: 'command', command: name });
  const typed = fold(input.text);
  return typed !== '' && (folded(words).has(typed) || withCode(words).some((pattern) => pattern.test(typed)));
}

/**
 * In a command's words, where a pairing code typed after them goes (« j'ai un code {code} »:
 * « J'ai un code ABCD-2345 »); `codeIn` reads it back.
 */
export const CODE_PLACEHOLDER = '{code}';
const codePatterns = new WeakMap<string[], RegExp[]>();
function withCode(words: string[]): RegExp[] {
  let patterns = codePatterns.get(words);
  if (!patterns) {
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    patterns = words
      .filter((w) => w.includes(CODE_PLACEHOLDER))
      .map((w) => w.split(CODE_PLACEHOLDER).map((part) => escape(fold(part))))
      .map(([before = '', after = '']) => new RegExp(`^${before ? `${before} ` : ''}([a-z0-9]{4}) ?([a-z0-9]{4})${after ? ` ${after}` : ''}$`));
    codePatterns.set(words, patterns);
  }
  return patterns;
}

/** The 8-character code typed in a command's words where they say `{code}` (« ABCD-2345 » → ABCD2345), if it was. */
export function codeIn(input: TurnInput, words: string[]): string | undefined {
  if (input.value !== undefined) return undefined;
  const typed = fold(input.text);
  for (const pattern of withCode(words)) {
    const match = pattern.exec(typed);
    if (match) return `${match[1]}${match[2]}`.toUpperCase();
  }
  return undefined;
}

/**
 * The self-assessment level meant by an answer: a button value (`level:3`), a digit ("2", "2/4",
 * "niveau 2"), a level label or one of its synonyms ("plutôt oui").
 */
export function matchScaleLevel(input: TurnInput, scale: ScaleLevel[]): number | undefined {
  const value = raw(input);
  const button = /^level:(\d+)$/.exec(value);
  if (button) return scale.find((l) => l.value === Number(button[1]))?.value;
  const typed = fold(input.text);
  const digit = /^(?:niveau |note )?(\d)(?: ?sur ?\d| \d)?$/.exec(typed.replace('/', ' '));
  if (digit) return scale.find((l) => l.value === Number(digit[1]))?.value;
  return scale.find((l) => fold(l.label) === typed || l.synonyms.some((s) => fold(s) === typed))?.value;
}
