import { describe, expect, it } from 'vitest';
import { buttonValue, readButtonValue, type ButtonKind, type ButtonValue } from './button-values.js';

/**
 * One button of every kind, with the exact string it must stay (Teams cards already sent carry
 * these, and the web client tests /^(qa|feedback):/): a kind without a sample does not compile.
 */
const SAMPLES: { [K in ButtonKind]: Array<[Extract<ButtonValue, { kind: K }>, string]> } = {
  command: [
    [{ kind: 'command', command: 'menu' }, 'cmd:menu'],
    [{ kind: 'command', command: 'jeudisContinue' }, 'cmd:jeudisContinue'],
  ],
  level: [
    [{ kind: 'level', need: 'besoin-1', level: 3 }, 'level:besoin-1:3'],
    [{ kind: 'level', need: 'besoin-1', level: 'unknown' }, 'level:besoin-1:unknown'],
  ],
  'learn-more': [[{ kind: 'learn-more', need: 'besoin-2' }, 'learn:besoin-2']],
  diagnosis: [
    [{ kind: 'diagnosis', action: 'skip' }, 'diagnosis:skip'],
    [{ kind: 'diagnosis', action: 'pause' }, 'diagnosis:pause'],
  ],
  results: [[{ kind: 'results', action: 'more' }, 'results:more']],
  actor: [[{ kind: 'actor', actor: 'association' }, 'actor:association']],
  'actor-option': [[{ kind: 'actor-option', option: 'pme' }, 'option:pme']],
  departement: [
    [{ kind: 'departement', code: '2A' }, 'departement:2A'],
    [{ kind: 'departement', code: 'none' }, 'departement:none'],
  ],
  weight: [
    [{ kind: 'weight', objective: 'performance', weight: 0 }, 'weight:performance:0'],
    [{ kind: 'weight', objective: 'performance', weight: 10 }, 'weight:performance:10'],
  ],
  category: [[{ kind: 'category', category: 'innovation-societale' }, 'category:innovation-societale']],
  model: [[{ kind: 'model', model: 'mecenat' }, 'model:mecenat']],
  'function-answer': [[{ kind: 'function-answer', question: 'animer', answer: 'need' }, 'function:animer:need']],
  'evaluation-answer': [[{ kind: 'evaluation-answer', question: 'pertinence', answer: 'partly' }, 'eval:pertinence:partly']],
  evaluation: [[{ kind: 'evaluation', action: 'skip' }, 'evaluation:skip']],
  method: [[{ kind: 'method', action: 'continue' }, 'method:continue']],
  journey: [[{ kind: 'journey', dialog: 'method-objectives' }, 'journey:method-objectives']],
  'confirm-restart': [
    [{ kind: 'confirm-restart', answer: 'yes' }, 'confirm:yes'],
    [{ kind: 'confirm-restart', answer: 'no' }, 'confirm:no'],
  ],
  'erase-data': [
    [{ kind: 'erase-data', answer: 'yes' }, 'erase:yes'],
    [{ kind: 'erase-data', answer: 'no' }, 'erase:no'],
  ],
  jeudis: [
    [{ kind: 'jeudis', action: 'subscribe' }, 'jeudis:subscribe'],
    [{ kind: 'jeudis', action: 'stop' }, 'jeudis:stop'],
  ],
  hour: [
    [{ kind: 'hour', hour: 0 }, 'hour:0'],
    [{ kind: 'hour', hour: 9 }, 'hour:9'],
  ],
  weeks: [[{ kind: 'weeks', weeks: 2 }, 'weeks:2']],
  pairing: [
    [{ kind: 'pairing', action: 'invite' }, 'pairing:invite'],
    [{ kind: 'pairing', action: 'cancel' }, 'pairing:cancel'],
  ],
  'qa-topic': [[{ kind: 'qa-topic', entry: 'faq:ptce' }, 'qa:faq:ptce']],
  feedback: [
    [{ kind: 'feedback', vote: 'up', entry: 'function:animer' }, 'feedback:up:function:animer'],
    [{ kind: 'feedback', vote: 'down', entry: 'faq:quatre-fonctions' }, 'feedback:down:faq:quatre-fonctions'],
  ],
};
const samples = Object.values(SAMPLES).flat();

describe('button values', () => {
  it.each(samples)('%j is written %s and read back', (button, written) => {
    expect(buttonValue(button)).toBe(written);
    expect(readButtonValue(written)).toEqual(button);
  });

  it('writes the fields in the order of the kind, whatever the order they are given in', () => {
    expect(buttonValue({ level: 2, need: 'besoin-1', kind: 'level' })).toBe('level:besoin-1:2');
  });

  it('keeps the values of the question answering where the web client keeps their buttons pressable', () => {
    const persistent = samples.filter(([, written]) => /^(qa|feedback):/.test(written)).map(([button]) => button.kind);
    expect(new Set(persistent)).toEqual(new Set(['qa-topic', 'feedback']));
  });

  it.each([
    ['level:3', 'the level of an older version, which named no need'],
    ['cmd:nope', 'a command that does not exist'],
    ['weight:performance:11', 'a weight off the scale'],
    ['hour:24', 'an hour that does not exist'],
    ['weeks:0', 'no weeks'],
    ['journey:nope', 'a dialog that does not exist'],
    ['diagnosis:later', 'an action the diagnosis does not have'],
    ['feedback:maybe:faq:ptce', 'a vote that is neither up nor down'],
    ['level:besoin-1:3:extra', 'a part too many'],
    ['qa:', 'a topic without its entry'],
    ['shop:basket', 'a prefix no button has'],
    ['', 'nothing'],
  ])('reads %j (%s) as unknown', (value) => {
    expect(readButtonValue(value)).toEqual({ kind: 'unknown', value });
  });
});
