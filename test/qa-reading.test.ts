import { describe, expect, it } from 'vitest';
import { askedFor, holdsAnswer, yearsIn } from '../src/domain/qa/answer-type.js';
import { howToWords } from '../src/domain/qa/how-to.js';
import { focusMessage } from '../src/domain/qa/question-focus.js';
import { asksForTask } from '../src/domain/qa/task-request.js';
import { content } from './helpers/conversation.js';

const { search } = content;
const startsLikeQuestion = (clause: string) => /^(?:c est quoi|quel|quelle|comment|combien|est ce)\b/.test(clause);

describe('reading a typed message: question, context, what is asked for', () => {
  it('finds the clause that asks, keeps the rest as context and the self-presentation apart', () => {
    const f = focusMessage(
      'Bonjour, je travaille dans une fondation d’entreprise. On fait surtout des appels à projets. Ça correspond à quel modèle ?',
      search.messageParts,
      startsLikeQuestion,
    );
    expect(f.question).toBe('Ça correspond à quel modèle ?');
    expect(f.context).toContain('appels à projets');
    expect(f.self).toContain('fondation');
    expect(focusMessage('c’est quoi un PTCE ?', search.messageParts, startsLikeQuestion).context).toBe('');
  });

  it('tells how-to questions by their markers or « comment » and a verb, not « comment … ont évolué »', () => {
    expect(howToWords('on s’y prend comment pour monter un partenariat ?', search.howTo.markers)).toBeDefined();
    expect(howToWords('comment évaluer un partenariat ?', search.howTo.markers)).toBeDefined();
    expect(howToWords('les relations ont évolué comment ?', search.howTo.markers)).toBeUndefined();
  });

  it('says what kind of information is asked for, and whether a text holds it', () => {
    expect(askedFor('combien d’associations en France ?', search.answerTypes)).toEqual({ types: ['number'], counted: 'associations' });
    expect(askedFor('par où commencer quand on veut faire alliance ?', search.answerTypes).types).toEqual([]);
    expect(askedFor('quel est le budget du Fonds ODD 17 ?', search.answerTypes).types).toContain('amount');
    const counted = { matches: (w: string) => w.toLowerCase().startsWith('associ') };
    expect(holdsAnswer('number', '1,5 million d’associations en France', counted)).toBe(true);
    expect(holdsAnswer('number', 'Les associations de PACA, depuis 2010, sont 84 % à…', { matches: (w) => w === 'PTCE' })).toBe(false);
    expect(holdsAnswer('amount', 'Le Fonds expérimente sur 3 ans (2020-2022)')).toBe(false);
    expect(holdsAnswer('amount', '113 Md€ de budget annuel')).toBe(true);
    expect(yearsIn('signés en 2024 ? et 2023-2027')).toEqual(['2024', '2023', '2027']);
  });

  it('declines requests to do something, not questions about how to do it', () => {
    expect(asksForTask('Écris-moi un mail pour relancer l’entreprise', search.tasks)).toBe(true);
    expect(asksForTask('pouvez-vous me traduire ce texte ?', search.tasks)).toBe(true);
    expect(asksForTask('comment rédiger une convention de partenariat ?', search.tasks)).toBe(false);
  });
});
