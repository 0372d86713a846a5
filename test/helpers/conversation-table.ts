import { afterEach, beforeEach, expect } from 'vitest';
import type { OutMessage } from '../../src/domain/out-message.js';
import type { UserRecord } from '../../src/domain/user-record.js';
import { readableText, Conversation } from './conversation.js';
import { tempDir } from './temp-dir.js';

/**
 * Conversation tests as tables: a flow is what a user does, step by step, and what each reply
 * must show. A step is one turn (`say` a text, `press` a button of the last question, or
 * `connect`) with its expectations:
 *
 *     { say: 'patate', reply: /pas compris votre réponse/, asks: 'Besoin 2/7' }
 *     { press: /^Association/, offers: [/employeuse/] }
 *     { say: 'Annuler', in: 'menu', stores: { profile: { actor: 'association' } } }
 *
 * A string is a text the reply contains, a RegExp a pattern it matches.
 */
export type Said = string | RegExp;

type DeepPartial<T> = T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

export interface Expectations {
  /** What the bot answers in this turn (all its messages, what they unfold included) holds each of these. */
  reply?: Said | Said[];
  /** …and none of these. */
  replyNot?: Said | Said[];
  /** The last message of the turn (the question the bot asks now) holds each of these. */
  asks?: Said | Said[];
  /**
   * The turn ends on a question of a series (the last message carries its place, shown beside the
   * conversation) whose heading, in this turn, holds this (« Besoin 2/7 »).
   */
  progress?: Said;
  /** The buttons this turn offers, exactly and in order. */
  buttons?: string[];
  /** Buttons among those this turn offers: a label, or a pattern one label matches. */
  offers?: Said[];
  /** The button this turn offers first. */
  offersFirst?: string;
  /** No button of this turn matches these. */
  notOffered?: Said[];
  /** The cards this turn gives: for each, one whose title holds it. */
  cards?: Said[];
  /** The dialog the user is in after this turn: its id, or its id and step. */
  in?: string | { dialog: string; step?: string };
  /** What the user's record holds after this turn: a part of it (as toMatchObject), or a check of it. */
  stores?: DeepPartial<UserRecord> | ((user: UserRecord) => void);
}

/** One turn of the user, and what its reply must show. */
export type Step = ({ say: string; value?: string } | { press: Said } | { connect: true }) & Expectations;

/** A user's conversation: who they are (`as`, steps checked by nothing else) then each step. */
export interface Flow {
  /** The steps that bring the user where the flow starts (usually a profile, see `profile`). */
  as?: Step[];
  steps: Step[];
}

/** The turns of a new user who answers the profile. */
export const profile = {
  /** An employing association of intérêt général. */
  association: (departement = '69'): Step[] => [
    { connect: true },
    { press: /^Association/ },
    { press: /employeuse/i },
    { press: /intérêt général/ },
    { say: departement },
  ],
  /** A PME. */
  company: (departement = '13'): Step[] => [{ connect: true }, { press: /^Entreprise/ }, { press: /PME/ }, { say: departement }],
};

/** A table for `it.each`: each row the name of a flow, then the flow. */
export function flows(table: Record<string, Flow>): Array<[string, Flow]> {
  return Object.entries(table);
}

/**
 * A fresh data directory for each test (removed after it, also when it failed), and
 * conversations over it with the real turn pipeline in-process (see Conversation).
 */
export function useConversations() {
  let tmp: ReturnType<typeof tempDir> | undefined;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => {
    tmp?.cleanup();
    tmp = undefined;
  });
  const dir = () => {
    if (!tmp) throw new Error('no test is running');
    return tmp.dir;
  };
  return {
    get dir() {
      return dir();
    },
    /** A conversation of a new user (options as Conversation.open). */
    open: (options?: Parameters<typeof Conversation.open>[1]) => Conversation.open(dir(), options),
    /** Plays a flow for a new user, checking each step. */
    async play(flow: Flow): Promise<void> {
      await playSteps(await Conversation.open(dir()), [...(flow.as ?? []), ...flow.steps]);
    },
  };
}

/** Plays the steps in a conversation, checking what each reply shows. */
export async function playSteps(c: Conversation, steps: Step[]): Promise<void> {
  for (const [i, step] of steps.entries()) {
    const turn = 'connect' in step ? 'connect' : 'press' in step ? `press ${String(step.press)}` : `say « ${step.say.slice(0, 40)} »`;
    const where = `step ${i + 1} (${turn})`;
    const reply = 'connect' in step ? await c.connect() : 'press' in step ? await c.press(step.press) : await c.say(step.say, step.value);
    checkTurn(c, reply, step, where);
  }
}

const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

function expectSaid(text: string, said: Said, where: string): void {
  if (typeof said === 'string') expect(text, where).toContain(said);
  else expect(text, where).toMatch(said);
}

function expectNotSaid(text: string, said: Said, where: string): void {
  if (typeof said === 'string') expect(text, where).not.toContain(said);
  else expect(text, where).not.toMatch(said);
}

const matches = (label: string, said: Said) => (typeof said === 'string' ? label === said : said.test(label));

function checkTurn(c: Conversation, reply: OutMessage[], step: Expectations, where: string): void {
  const text = readableText(reply);
  for (const said of list(step.reply)) expectSaid(text, said, `${where}: reply`);
  for (const said of list(step.replyNot)) expectNotSaid(text, said, `${where}: reply`);
  for (const said of list(step.asks)) expectSaid(reply.at(-1)?.text ?? '', said, `${where}: question asked`);
  if (step.progress !== undefined) {
    expect(reply.at(-1)?.progress, `${where}: the question's place in its series`).toBeDefined();
    expectSaid(text, step.progress, `${where}: the question's heading`);
  }
  const labels = ([...reply].reverse().find((m) => m.choices.length > 0)?.choices ?? []).map((choice) => choice.label);
  if (step.buttons) expect(labels, `${where}: buttons`).toEqual(step.buttons);
  for (const said of step.offers ?? []) expect(labels.some((label) => matches(label, said)), `${where}: a button ${String(said)} among ${labels.join(' | ')}`).toBe(true);
  if (step.offersFirst !== undefined) expect(labels[0], `${where}: first button`).toBe(step.offersFirst);
  for (const said of step.notOffered ?? []) expect(labels.filter((label) => matches(label, said)), `${where}: buttons`).toEqual([]);
  const titles = reply.flatMap((m) => m.cards.map((card) => card.title));
  const holds = (title: string, said: Said) => (typeof said === 'string' ? title.includes(said) : said.test(title));
  for (const said of step.cards ?? []) expect(titles.some((title) => holds(title, said)), `${where}: a card ${String(said)} among ${titles.join(' | ')}`).toBe(true);
  if (step.in !== undefined) {
    const frame = c.user()?.dialogStack.at(-1);
    if (typeof step.in === 'string') expect(frame?.dialog, `${where}: dialog`).toBe(step.in);
    else expect(frame, `${where}: dialog`).toMatchObject(step.in);
  }
  if (step.stores !== undefined) {
    const user = c.user();
    expect(user, `${where}: the user's record`).toBeDefined();
    if (typeof step.stores === 'function') step.stores(user!);
    else expect(user, `${where}: the user's record`).toMatchObject(step.stores);
  }
}
