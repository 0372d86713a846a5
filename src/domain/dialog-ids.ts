import { z } from 'zod';

/**
 * Every dialog of `dialogs/`, by id. The list lives here, below both the conversation and the
 * dialogs, because ids are part of the stored record (each frame of the dialog stack names its
 * dialog) and the domain names some of them (the steps of the journey). `dialogs/index.ts` must
 * register exactly these: a missing or extra dialog does not compile.
 */
export const DialogId = z.enum([
  'welcome',
  'profile',
  'menu',
  'diagnosis',
  'results',
  'report',
  'confirm-restart',
  'journey',
  'method-objectives',
  'method-model',
  'method-ecosystem',
  'evaluation',
  'pairing',
  'question',
  'jeudis',
  'erase-data',
  'resume',
]);
export type DialogId = z.infer<typeof DialogId>;

/**
 * Ids that stored stacks may still hold after a dialog was renamed: a user who was in it when the
 * server was updated resumes in the renamed dialog instead of losing their place.
 */
const RENAMED: Readonly<Record<string, DialogId>> = {
  // « mon parcours » was the `parcours` dialog before the code said « journey » throughout.
  parcours: 'journey',
};

/** The current id of a dialog named in stored data (a frame, a dialog to open later), renamed ones included. */
export function currentDialogId(stored: string): string {
  return Object.hasOwn(RENAMED, stored) ? RENAMED[stored]! : stored;
}

export function isDialogId(id: string): id is DialogId {
  return DialogId.safeParse(id).success;
}

/** A dialog id read from stored data: renamed ids are accepted, unknown ones refused. */
export const StoredDialogId = z.string().transform(currentDialogId).pipe(DialogId);
