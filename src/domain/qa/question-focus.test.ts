import { describe, expect, it } from 'vitest';
import { content } from '../../../test/helpers/content.js';
import { focusMessage } from './question-focus.js';

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
});
