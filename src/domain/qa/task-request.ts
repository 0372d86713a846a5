import { foldedWords, paddedPhrases } from './analyse-text.js';

/** How a request to do something may start before its verb (« pouvez-vous me… », « j'aimerais que tu… »). */
const LEAD = /^(?:(?:est ce que )?(?:tu peux|vous pouvez|peux tu|pouvez vous|pourriez vous|pourrais tu|tu pourrais|vous pourriez|j aimerais que tu|j aimerais que vous|je voudrais que tu|je voudrais que vous|merci de|peut on|on peut) )?(?:me |nous |m )?/u;

/**
 * Whether a message asks the companion to do something rather than to say what the documents
 * say: write a mail, translate, compute, draw (`search.json` › tasks, the verbs of such requests).
 * The verb must open the request (« écris-moi… », « pouvez-vous me rédiger… »): « comment
 * rédiger une convention » asks how, not for a text.
 */
export function asksForTask(question: string, taskVerbs: string[]): boolean {
  const text = ` ${foldedWords(question).join(' ').replace(LEAD, '')} `;
  return paddedPhrases(taskVerbs).some((v) => v.trim() !== '' && text.startsWith(v));
}
