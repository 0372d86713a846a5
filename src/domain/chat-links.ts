import type { UiFile } from '../content/schemas.js';
import type { CommandName } from './button-values.js';
import type { JourneyStepId } from './journey.js';

/**
 * Links from a page back into the web chat (`/?commande=etape-3`): the chat page, once connected,
 * sends the command's words as if the user had typed them. Only commands that move the user in
 * their own journey are allowed; nothing that erases, exports or changes a setting can be started
 * by a link someone else wrote.
 */
export const CHAT_LINK_COMMANDS = {
  diagnostic: 'diagnosis',
  'etape-1': 'step1',
  'etape-2': 'step2',
  'etape-3': 'step3',
  evaluation: 'evaluation',
  jumelage: 'pairing',
  parcours: 'method',
} as const satisfies Record<string, CommandName>;

export type ChatLink = keyof typeof CHAT_LINK_COMMANDS;

/** The query parameter the chat page reads. */
export const CHAT_LINK_PARAMETER = 'commande';

/** The chat page's address that starts `link` (relative: the chat is on the same site as the pages). */
export function chatLinkHref(link: ChatLink): string {
  return `/?${CHAT_LINK_PARAMETER}=${link}`;
}

/** The command a link's query value asks for, or undefined when it is none of the allowed ones. */
export function chatLinkCommand(value: unknown): CommandName | undefined {
  return typeof value === 'string' && Object.hasOwn(CHAT_LINK_COMMANDS, value) ? CHAT_LINK_COMMANDS[value as ChatLink] : undefined;
}

/** The link into the chat that opens each step of the journey. */
export const JOURNEY_STEP_LINKS = {
  diagnosis: 'diagnostic',
  objectifs: 'etape-1',
  modele: 'etape-2',
  ecosysteme: 'etape-3',
  evaluation: 'evaluation',
} as const satisfies Record<JourneyStepId, ChatLink>;

/**
 * Where a step of the journey is taken up: the link into the web chat, and the words a user
 * types in a chat where there is no link to follow (Teams: « étape 3 »).
 */
export function journeyStepAction(step: JourneyStepId, commandWords: UiFile['commands']): { href: string; words: string } {
  const link = JOURNEY_STEP_LINKS[step];
  return { href: chatLinkHref(link), words: commandWords[CHAT_LINK_COMMANDS[link]][0]! };
}
