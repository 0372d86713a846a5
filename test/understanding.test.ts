import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkTerritories } from '../src/infra/content/check-territories.js';
import { readDepartement, nearbyDepartements } from '../src/domain/understanding/departements.js';
import { evaluateChoices, type ChoiceItem } from '../src/domain/understanding/evaluate-choices.js';
import { matchChoice } from '../src/domain/understanding/match-choice.js';
import { actorOptions, dimensionOptions, readProfileOption } from '../src/domain/understanding/profile-options.js';
import { readHour } from '../src/domain/understanding/read-hour.js';
import { readLevel } from '../src/domain/understanding/read-level.js';
import { readWeight } from '../src/domain/understanding/read-weight.js';
import { readYesNo } from '../src/domain/understanding/read-yes-no.js';
import { content } from './helpers/conversation.js';

const vocab = content.ui.understanding;
const actor = (text: string) => {
  const m = matchChoice({ text }, actorOptions(content), vocab, { numbered: true });
  return m.kind === 'match' ? m.option.id : m.kind;
};

describe('choices typed in words', () => {
  it('reads a label, a synonym from content, a number, an ordinal or a typo', () => {
    expect(actor('mairie')).toBe('collectivite');
    expect(actor('la commune')).toBe('collectivite');
    expect(actor('collectivité')).toBe('collectivite');
    expect(actor('asociation')).toBe('association');
    expect(actor('2')).toBe('entreprise');
    expect(actor('le deuxième')).toBe('entreprise');
    expect(actor('le dernier')).toBe(content.actors.at(-1)!.id);
    expect(actor('12')).toBe('none');
    expect(actor('un vélo rouge')).toBe('none');
  });

  it('asks which one when two options fit as well, and reads a headcount as a company size', () => {
    const size = (text: string) => {
      const m = readProfileOption(text, dimensionOptions(content, 'entreprise', 'taille'), vocab);
      return m.kind === 'match' ? m.option.id : m.kind;
    };
    expect(size('petite entreprise')).toBe('clarify');
    expect(size('on est 40')).toBe('pme');
    expect(size('PME')).toBe('pme');
    expect(size('3')).toBe('eti');
    const emploi = (text: string) => {
      const m = readProfileOption(text, dimensionOptions(content, 'association', 'emploi'), vocab);
      return m.kind === 'match' ? m.option.id : m.kind;
    };
    expect(emploi('non')).toBe('association-benevole');
    expect(emploi('oui, deux salariés')).toBe('association-employeuse');
  });

  it('reads yes, no and « je ne sais pas » phrasings, and levels in words', () => {
    expect(readYesNo('oui tout à fait', vocab)).toBe('yes');
    expect(readYesNo('pas vraiment', vocab)).toBe('no');
    expect(readYesNo('chais pas', vocab)).toBe('dont-know');
    expect(readYesNo('oui mais pas maintenant', vocab)).toBeUndefined();
    const level = (text: string) => {
      const r = readLevel(text, content.scale, vocab);
      return r.kind === 'match' ? r.option.value : r.kind;
    };
    expect(level('oui tout à fait')).toBe(4);
    expect(level('trois')).toBe(3);
    expect(level('en acton')).toBe(3);
    expect(level('2/4')).toBe(2);
    expect(level('je sais pas')).toBe('dont-know');
    expect(level('7')).toBe('none');
  });

  it('reads weights from 0 to 10 in figures or words, and hours', () => {
    const weight = (text: string) => readWeight(text, 10, content.method.weightWords, vocab);
    expect(weight('9')).toEqual({ kind: 'weight', weight: 9 });
    expect(weight('3/5')).toEqual({ kind: 'weight', weight: 6 });
    expect(weight('pas important')).toEqual({ kind: 'weight', weight: 0 });
    expect(weight('prioritaire')).toEqual({ kind: 'weight', weight: 10 });
    expect(weight('12')).toEqual({ kind: 'out-of-range', typed: 12 });
    expect(readHour('5 h du soir', vocab)).toBe(17);
    expect(readHour('midi', vocab)).toBe(12);
    expect(readHour('le matin', vocab)).toBeUndefined();
  });
});

describe('départements from the official découpage administratif', () => {
  const code = (text: string) => {
    const r = readDepartement(text, content.territories);
    return r.kind === 'match' ? r.place.code : r.kind;
  };

  it('finds a département by code, name, commune or postcode, and asks between notable homonyms', () => {
    expect(code('69')).toBe('69');
    expect(code('Rhône')).toBe('69');
    expect(code('Lyon')).toBe('69');
    expect(code('seine st denis')).toBe('93');
    expect(code('Montreuil')).toBe('93');
    expect(code('75011')).toBe('75');
    expect(code('j’habite à Rennes')).toBe('35');
    expect(code('Saint-Denis')).toBe('clarify');
    expect(code('Bretagne')).toBe('clarify');
    expect(code('Atlantide')).toBe('none');
  });

  it('gives the neighbours of a département, and content:check refuses a border listed on one side only', () => {
    expect(nearbyDepartements('93', content.territories).sort()).toEqual(['75', '77', '92', '94', '95']);
    expect(nearbyDepartements('974', content.territories)).toEqual([]);
    const territories = structuredClone(content.territories);
    territories.neighbours['69'] = [...territories.neighbours['69']!, '13'];
    const problems = checkTerritories(territories);
    expect(problems).toContainEqual(expect.objectContaining({ file: 'territories.json', path: '$.neighbours.13' }));
  });
});

describe('npm run eval:choices', () => {
  it('keeps the tune split at the level reached (97.7 %), so that a regression is caught', () => {
    const set = JSON.parse(readFileSync(new URL('./eval/choices.json', import.meta.url), 'utf8')) as { items: ChoiceItem[] };
    const tune = evaluateChoices(set.items.filter((i) => i.split === 'tune'), content);
    expect(tune.total).toBeGreaterThanOrEqual(200);
    expect(tune.right / tune.total).toBeGreaterThanOrEqual(0.97);
  });
});
