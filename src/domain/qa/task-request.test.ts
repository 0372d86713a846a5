import { describe, expect, it } from 'vitest';
import { content } from '../../../test/helpers/content.js';
import { asksForTask } from './task-request.js';

const { search } = content;

describe('reading a typed message: question, context, what is asked for', () => {
  it('declines requests to do something, not questions about how to do it', () => {
    expect(asksForTask('Écris-moi un mail pour relancer l’entreprise', search.tasks)).toBe(true);
    expect(asksForTask('pouvez-vous me traduire ce texte ?', search.tasks)).toBe(true);
    expect(asksForTask('comment rédiger une convention de partenariat ?', search.tasks)).toBe(false);
  });
});
