import { describe, expect, it } from 'vitest';
import { readButtonValue } from '../src/domain/button-values.js';
import { useConversations } from './helpers/conversation-table.js';

describe('every button the dialogs offer is a value of the module', () => {
  const chat = useConversations();

  it('on a walk that presses the buttons offered and types the commands', async () => {
    const c = await chat.open();
    await c.connect();
    // A fixed walk: the same buttons every run (a small linear congruential generator).
    let seed = 17;
    const next = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const commands = ['diagnostic', 'méthode', 'évaluation', 'jeudis', 'jumelage', 'mon bilan', 'recommencer', 'c’est quoi un PTCE ?', 'menu'];
    for (let turn = 0; turn < 240; turn += 1) {
      const choices = c.choices();
      if (turn % 12 === 11 || choices.length === 0) await c.say(commands[next(commands.length)]!);
      else await c.press(choices[next(choices.length)]!.label);
    }
    const values = new Set(c.transcript.flatMap((m) => m.choices.map((choice) => choice.value)));
    const kinds = new Set([...values].map((value) => readButtonValue(value).kind));
    expect([...values].filter((value) => readButtonValue(value).kind === 'unknown')).toEqual([]);
    expect(kinds.size).toBeGreaterThan(15);
  });
});
