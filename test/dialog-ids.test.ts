import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dialogRegistry } from '../dialogs/index.js';
import type { CommandApi, ConversationHooks, Dialog, StepOutcome } from '../src/conversation/dialog-types.js';
import { DialogId, StoredDialogId } from '../src/domain/dialog-ids.js';
import type { DialogFrame } from '../src/domain/dialog-frame.js';
import { allText, content, Conversation } from './helpers/conversation.js';
import { tempDir } from './helpers/temp-dir.js';

/*
 * The lines under `@ts-expect-error` are what must not compile: `npm test` runs `tsc` over test/
 * first, and fails if one of them compiles.
 */

describe('dialog ids', () => {
  it('refuses, at compile time, an id that names no dialog', () => {
    // @ts-expect-error « diagnostique » is no dialog
    const outcome: StepOutcome = { switchTo: 'diagnostique' };
    // @ts-expect-error nor « parcours », the journey's old id
    const begun: StepOutcome = { begin: 'parcours', resumeAt: 'choose' };
    const hooks: Pick<ConversationHooks, 'homeDialog'> = {
      // @ts-expect-error the menu is « menu »
      homeDialog: 'menus',
    };
    const open = (api: CommandApi) => {
      // @ts-expect-error « profil » is French for the « profile » dialog
      api.begin('profil');
      // @ts-expect-error « confirm » is « confirm-restart »
      api.interject('confirm');
    };
    const dialog: Dialog = {
      // @ts-expect-error a dialog is filed under an id of DialogId
      id: 'results-page',
      start: () => ({ then: { end: true } }),
      steps: {},
    };
    const withoutJourney: Omit<typeof dialogRegistry, 'journey'> = dialogRegistry;
    // @ts-expect-error a registry that misses a dialog
    void (withoutJourney satisfies Record<DialogId, Dialog>);
    expect([outcome, begun, hooks, open, dialog]).toHaveLength(5);
  });

  it('files every dialog under its own id, and every id has its dialog', () => {
    for (const [id, dialog] of Object.entries(dialogRegistry)) expect(dialog.id).toBe(id);
    expect(Object.keys(dialogRegistry).sort()).toEqual([...DialogId.options].sort());
  });

  it('reads the journey’s old id in stored data as the journey', () => {
    expect(StoredDialogId.parse('parcours')).toBe('journey');
    expect(StoredDialogId.parse('diagnosis')).toBe('diagnosis');
    expect(StoredDialogId.safeParse('removed-dialog').success).toBe(false);
  });
});

describe('dialog data', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir()));
  afterEach(() => tmp.cleanup());

  it('every dialog that keeps data reads a new frame’s empty data', () => {
    const schemas = Object.values(dialogRegistry).flatMap((d): Array<NonNullable<Dialog['data']>> => (d.data ? [d.data] : []));
    expect(schemas.length).toBeGreaterThanOrEqual(8);
    for (const schema of schemas) expect(schema.safeParse({}).success).toBe(true);
  });

  /** A user with a complete profile whose stored stack is `stack` (as an earlier version saved it). */
  async function storedStack(stack: DialogFrame[]) {
    const c = await Conversation.open(tmp.dir);
    await c.connect();
    await c.press(/^Association/);
    await c.press(/employeuse/i);
    await c.say('1');
    await c.say('69');
    const user = c.user()!;
    user.dialogStack = stack;
    c.store.put(user);
    return c;
  }

  it('resumes a diagnosis frame saved without its position at the first need', async () => {
    const c = await storedStack([{ dialog: 'diagnosis', step: 'need', data: {}, attempts: 0 }]);
    const replies = await c.say('2');
    expect(allText(replies)).not.toMatch(/mis à jour|souci technique/);
    expect(c.user()!.diagnosis.answers[content.needs[0]!.id]?.level).toBe(2);
    expect(c.user()!.dialogStack.at(-1)).toMatchObject({ dialog: 'diagnosis', step: 'need', data: { index: 1 } });
  });

  it('resumes a profile frame saved half-way, with only the type of actor', async () => {
    const c = await storedStack([{ dialog: 'profile', step: 'dimension', data: { actor: 'entreprise', firstTime: true }, attempts: 0 }]);
    expect(allText(await c.connect())).not.toMatch(/mis à jour/);
    const replies = await c.press(/PME/);
    expect(allText(replies)).not.toMatch(/mis à jour|souci technique/);
    expect(c.user()!.dialogStack.at(-1)).toMatchObject({ dialog: 'profile', step: 'departement', data: { options: { taille: 'pme' } } });
  });

  it('resumes a user who was in « mon parcours » under its old id', async () => {
    const c = await storedStack([{ dialog: 'parcours', step: 'choose', data: {}, attempts: 0 }]);
    const replies = await c.connect();
    expect(allText(replies)).not.toMatch(/mis à jour/);
    expect(allText(replies)).toMatch(/Par quoi voulez-vous continuer/);
    await c.press(/Objectifs/);
    expect(c.user()!.dialogStack.at(-1)?.dialog).toBe('method-objectives');
  });

  it('resets, without failing the turn, a stored frame whose data its dialog cannot read', async () => {
    const c = await storedStack([{ dialog: 'diagnosis', step: 'need', data: { index: 'troisième' }, attempts: 0 }]);
    const replies = await c.say('2');
    expect(allText(replies)).toMatch(/mis à jour/);
    expect(allText(replies)).not.toMatch(/souci technique/);
    expect(c.user()!.dialogStack.at(-1)?.dialog).toBe('menu');
    expect(c.user()!.diagnosis.answers).toEqual({});
  });
});
