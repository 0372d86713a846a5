import { describe, expect, it } from 'vitest';
import { CONTENT_DIR, content } from '../../../test/helpers/content.js';
import { createTemplateRenderer } from '../../infra/templates/render-template.js';
import { newUserRecord } from '../user-record.js';
import { reportView } from './report-view.js';

describe('the report view of a paired user', () => {
  it('draws both barycentres on the carré magique and gives both columns of figures', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const me = newUserRecord('me', 'web', now);
    me.method.objectives = { weights: { processus: 0, 'business-model': 1, 'proposition-de-valeur': 3, positionnement: 5 }, at: now.toISOString() };
    const partner = newUserRecord('partner', 'web', now);
    partner.profile = { actor: 'entreprise', options: { taille: 'pme' }, departement: '13' };
    partner.method.objectives = { weights: { processus: 2, 'business-model': 1, 'proposition-de-valeur': 5, positionnement: 2 }, at: now.toISOString() };
    const view = reportView(content, createTemplateRenderer(CONTENT_DIR), me, partner, now);
    expect(view.paired).toBe(true);
    expect(view.carre).toMatch(/class="point me"/);
    expect(view.carre).toMatch(/class="point partner"/);
    expect(view.shareRows.find((r) => r.objective === 'Le positionnement')).toMatchObject({ mine: 56, theirs: 20 });
    expect(JSON.stringify(view)).not.toContain('pme');
  });
});
