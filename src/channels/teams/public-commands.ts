import { fold } from '../../text/fold.js';

/**
 * Anytime commands whose answers hold nothing of the user's (they run on a blank record): the only
 * commands answered in a Teams team or group chat, and the only ones its manifest lists there.
 * Everything else (bilan, mes données, supprimer mes données, diagnostic, méthode, évaluation,
 * profil, jumelage, jeudis...) shows or changes the user's own data: personal chat only.
 */
export const PUBLIC_COMMANDS: ReadonlySet<string> = new Set(['menu', 'help', 'question', 'greet', 'thanks', 'whoami', 'bye']);

/** The anytime command a typed word names, from the content's command words (`ui.json`). */
export function commandNamed(title: string, words: Record<string, string[]>): string | undefined {
  const typed = fold(title);
  return Object.keys(words).find((name) => words[name]!.some((w) => fold(w) === typed));
}

/** True when a manifest command (typed as its title) is safe to answer where others read. */
export function isPublicCommandTitle(title: string, words: Record<string, string[]>): boolean {
  const name = commandNamed(title, words);
  return name !== undefined && PUBLIC_COMMANDS.has(name);
}
