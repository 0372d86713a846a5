import { describe, expect, it } from 'vitest';
import { MESSAGE_BUDGET } from '../src/domain/out-message.js';
import { createTemplateRenderer } from '../src/infra/templates/render-template.js';
import { checkSearchReferences } from '../src/domain/qa/check-search-references.js';
import { KnowledgeIndex } from '../src/domain/qa/knowledge-index.js';
import { QuestionAnswering, type AskerProfile } from '../src/services/question-answering.js';
import { soundKey } from '../src/domain/qa/spelling.js';
import { splitQuestion } from '../src/domain/qa/split-question.js';
import { CONTENT_DIR, content, readableText } from './helpers/conversation.js';

const index = KnowledgeIndex.build(content);
const qa = new QuestionAnswering(index, content, createTemplateRenderer(CONTENT_DIR), { logUnanswered: () => {}, logFeedback: () => {} });
const ask = (q: string, profile: AskerProfile = {}) => {
  const r = qa.respond(q, new Date('2026-01-15T10:00:00Z'), profile);
  // What the reader can read: the answer's first lines, and what « Lire la suite » unfolds.
  return { ...r, shown: r.messages.map((m) => m.text).join('\n'), text: readableText(r.messages) };
};

describe('named things are found by their name and answered with their key facts', () => {
  it('a partnership of the kit gives its model and the model’s category', () => {
    const r = ask('Danone et Grameen, c est quel type de partenariat ?');
    expect(r.status).toBe('answer');
    expect(r.text).toMatch(/Modèle hybride/);
    expect(r.text).toMatch(/Coopération économique/);
    expect(r.text).toMatch(/Grameen Danone Foods/);
  });

  it('a model gives its category and its definition', () => {
    const r = ask('c koi le modl hybrid');
    expect(r.status).toBe('answer');
    expect(r.text).toMatch(/catégorie «\sCoopération économique\s»/);
    expect(r.text).toMatch(/Joint venture/);
  });

  it('a measure gives its number and its title', () => {
    const r = ask('la mesure 18 ?');
    expect(r.entries).toEqual(['measure:mesure-18']);
    expect(r.text).toMatch(/Mesure 18/);
    expect(r.text).toMatch(/droit d'expérimentation partenariale/);
    expect(ask('et la 18e mesure').entries).toEqual(['measure:mesure-18']);
  });

  it('an inspiring example gives its function and its département', () => {
    const r = ask('Silver Geek c’est quoi ?');
    expect(r.entries).toEqual(['example:silver-geek']);
    expect(r.text).toMatch(/Expérimentations collectives/);
    expect(r.text).toMatch(/86/);
  });

  it('a structural objective is found by its rank, in words or in digits', () => {
    expect(ask('le deuxième objectif structurel ?').entries).toEqual(['structural-objective:investir-ingenierie-alliance']);
    expect(ask('objectif structurel 2').entries).toEqual(['structural-objective:investir-ingenierie-alliance']);
  });

  it('every content file answers: evaluation, impacts, induced effects, actors, the Observatoire', () => {
    expect(ask('quelles sont les 3 questions de synthèse de l évaluation ?').text).toMatch(/cohérent avec le chemin réalisé/);
    expect(ask('la pertinence dans l évaluation partenariale ?').text).toMatch(/impact sur les besoins de son écosystème/);
    expect(ask('l hybridation des modèles socio-économiques, ça apporte quoi ?').text).toMatch(/aucun modèle ne peut répondre seul/);
    expect(ask('une ETI, quel type d actions ?').text).toMatch(/Co-construction territoriale/i);
    const observatoire = ask("l'Observatoire des partenariats, c'est quoi ?");
    expect(observatoire.text).toMatch(/signaux faibles/);
    expect(observatoire.text).toMatch(/Source\s:\s\*/);
  });
});

describe('specific over general, one subject one answer', () => {
  it('a question naming one need gets that need, not the list of the 7', () => {
    const r = ask('le besoin accélérer grâce au numérique, quelles questions ?');
    expect(r.entries).toEqual(['need:numerique']);
    expect(r.text).toMatch(/Quels usages/);
  });

  it('the programme IMPACT has one answer holding its partners, dates and figures', () => {
    for (const q of ['programme IMPACT', 'quels sont les partenaires du programme impact ?', 'IMPACT 2018-2022 ça a donné quoi ?']) {
      const r = ask(q);
      expect(r.entries, q).toEqual(['faq:programme-impact']);
      expect(r.text).toMatch(/Caisse des Dépôts/);
      expect(r.text).toMatch(/21 études statistiques/);
    }
  });
});

describe('comparisons and two-part questions give both entries', () => {
  it('« différence entre A et B » composes the two entries', () => {
    const r = ask('quelle différence entre mécénat classique et engagement actif ?');
    expect(r.entries).toEqual(['model:mecenat-classique', 'model:engagement-actif']);
    expect(r.text).toMatch(/sans contrepartie/);
    expect(r.text).toMatch(/collaborateurs/);
  });

  it('two questions in one get both answers', () => {
    const r = ask('mesure 7 et mesure 8, ça dit quoi ?');
    expect(r.entries).toEqual(['measure:mesure-07', 'measure:mesure-08']);
  });

  it('splits a question at an inner question mark or a second « et quel… »', () => {
    expect(splitQuestion("c'est quoi le carré magique ? et le barycentre ?")).toEqual(["c'est quoi le carré magique", 'et le barycentre ?']);
    expect(splitQuestion('qui a créé Admical et en quelle année ?')).toEqual(['qui a créé Admical', 'en quelle année ?']);
  });
});

describe('answers use the profile when the question is about oneself', () => {
  it('« près de chez moi » lists the examples of the user’s département and region first', () => {
    const r = ask('des exemples inspirants près de chez moi ?', { actor: 'association', departement: '69' });
    expect(r.status).toBe('answer');
    expect(r.text).toMatch(/Dans votre département \(69\)[\s\S]*Ronalpia/);
    expect(r.text.indexOf('Ronalpia')).toBeLessThan(r.text.indexOf('Source'));
  });

  it('a region with no example of the kit is said plainly, not answered as if it had one', () => {
    const r = ask('il y a des exemples inspirants en Bretagne ?');
    expect(r.status).toBe('missing');
    expect(r.text).toMatch(/Je n'ai pas cette information/);
  });

  it('« pour nous » reads the profile: a PME gets the tool meant for companies', () => {
    const r = ask('quel autodiagnostic pour nous ?', { actor: 'entreprise', options: { taille: 'pme' } });
    expect(r.text).toMatch(/RSE & partenariats/);
    const asso = ask('quel autodiagnostic pour nous ?', { actor: 'association' });
    expect(asso.text).toMatch(/Stratégie partenariale/);
  });
});

describe('the confidence rule', () => {
  it('declines questions outside the seeds, also when a word or a name of the content appears in them', () => {
    for (const q of ['quel temps fera-t-il demain à Lyon ?', 'recette de la pâte à crêpes', 'comment soigner un rhume rapidement ?', "quel est le cours de l'action Danone aujourd'hui ?"]) {
      expect(ask(q).status, q).not.toBe('answer');
    }
  });

  it('says « je n’ai pas cette information » when a known subject is asked what the documents do not give', () => {
    const r = ask('quel est le budget total du Fonds ODD 17 ?');
    expect(r.status).toBe('missing');
    expect(r.text).toMatch(/Je n'ai pas cette information/);
    expect(r.messages[0]!.choices.map((c) => c.label).join()).toMatch(/Fonds ODD 17/);
  });

  it('answers chatty and misspelt questions when the subject is clear', () => {
    expect(ask('Bonjour, désolé de vous déranger, j’ai lu que la mesure 18 était importante, vous pouvez m’éclairer ?').entries).toEqual(['measure:mesure-18']);
    expect(ask('carre majik des objectif').entries).toEqual(['faq:carre-magique']);
    expect(soundKey('majik')).toBe(soundKey('magique'));
  });

  it('offers the runner-up under a confident answer', () => {
    const r = ask('c’est quoi le barycentre des objectifs ?');
    expect(r.status).toBe('answer');
    expect(r.messages.at(-1)!.choices.length).toBeGreaterThan(3);
  });
});

describe('content authors', () => {
  it('search.json names only entries that exist, and every untitled entry is merged into a subject', () => {
    expect(checkSearchReferences(content)).toEqual([]);
    const broken = { ...content, search: { ...content.search, aliases: { 'model:inconnu': ['x'] }, sameSubject: [['faq:ptce', 'faq:absent']] } };
    expect(checkSearchReferences(broken).map((p) => `${p.file} ${p.path}`)).toEqual(
      expect.arrayContaining(['search.json $.aliases.model:inconnu', 'search.json $.sameSubject[0][1]']),
    );
  });
});

describe('an answer as a reader sees it', () => {
  it('shows every entry’s first lines and its source within the message budget, the rest behind « Lire la suite »', () => {
    const now = new Date('2026-01-15T10:00:00Z');
    const problems: string[] = [];
    for (const doc of index.entries()) {
      const [shown] = qa.button(`qa:${doc.id}`, now) ?? [];
      if (!shown) {
        problems.push(`${doc.id}: no answer`);
        continue;
      }
      const body = shown.text.split('\n\n').slice(1, -1).join(' ');
      if (shown.text.length > MESSAGE_BUDGET - 60) problems.push(`${doc.id}: ${shown.text.length} characters`);
      if (!/\nSource\s:\s\*/.test(shown.text)) problems.push(`${doc.id}: no source in view`);
      // A heading alone is not an answer: at least a sentence of the entry is in view.
      if (!doc.id.startsWith('acronym:') && body.length < 25 && (shown.detail ?? '').length > 0) problems.push(`${doc.id}: only « ${body} » in view`);
    }
    expect(problems).toEqual([]);
  });
});
