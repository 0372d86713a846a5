import type { Content } from '../content/content.js';
import type { FollowUp } from '../content/schemas.js';
import { buttonValue, readButtonValue, type CommandName } from '../domain/button-values.js';
import { fitToBudget } from '../domain/message-parts.js';
import { MESSAGE_BUDGET, message, type Card, type Choice, type OutMessage } from '../domain/out-message.js';
import type { RenderTemplate } from '../domain/render-template.js';
import type { UserStore } from '../infra/storage/user-store.js';
import { fold } from '../text/fold.js';
import { shortLabel } from '../text/short-label.js';
import type { KnowledgeDoc } from '../domain/qa/knowledge-docs.js';
import type { KnowledgeIndex, QaOutcome } from '../domain/qa/knowledge-index.js';
import { nearbyAnswer } from '../domain/qa/nearby-answer.js';
import { scrub } from '../domain/qa/scrub.js';
import type { QuestionsApi } from '../conversation/ports.js';

/**
 * Characters of an answer's text shown at once: the message budget, less room for the acronyms
 * explained after (« PTCE (Pôles territoriaux de coopération économique) »); the rest of the entry
 * unfolds behind « Lire la suite ».
 */
const ANSWER_BUDGET = MESSAGE_BUDGET - 60;

/** Characters of the sources' line shown under an answer; a longer list shows its first source only. */
const SOURCE_LINE = 160;

const NEXT_COMMAND: Record<FollowUp, { command: CommandName; label: keyof Content['ui']['labels'] }> = {
  diagnosis: { command: 'diagnosis', label: 'nextDiagnosis' },
  method: { command: 'method', label: 'nextMethod' },
  evaluation: { command: 'evaluation', label: 'nextEvaluation' },
  pairing: { command: 'pairing', label: 'nextPairing' },
  report: { command: 'report', label: 'nextReport' },
};

const command = (name: CommandName) => buttonValue({ kind: 'command', command: name });
const topic = (entry: string) => buttonValue({ kind: 'qa-topic', entry });
const vote = (value: 'up' | 'down', entry: string) => buttonValue({ kind: 'feedback', vote: value, entry });

const dayOf = (now: Date) => now.toISOString().slice(0, 10);

/** The profile fields that may shape an answer asked « pour moi » or « près de chez moi ». */
export interface AskerProfile {
  actor?: string;
  departement?: string;
  options?: Record<string, string>;
}

/** What the user is told, and whether it is a confident answer (for the evaluation and the logs). */
export interface QaResponse {
  status: 'answer' | 'missing' | 'unsure' | 'out-of-scope' | 'empty';
  /** Entries the answer gives (empty when none). */
  entries: string[];
  messages: OutMessage[];
}

/** A text that reads as a question: it ends with « ? » or starts like one (`search.json` questionStarts). */
export function looksLikeQuestion(text: string, questionStarts: string[]): boolean {
  if (text.trim().endsWith('?')) return true;
  const typed = fold(text);
  return questionStarts.some((start) => {
    const s = fold(start);
    return typed === s || typed.startsWith(`${s} `);
  });
}

/**
 * Answers free-text questions from the content store: the answer with its source and link,
 * follow-up buttons and a 👍/👎; two entries for a comparison or a two-part question; the
 * examples of the user's département and region for « près de chez moi ». Below the confidence
 * rule: « je n'ai pas cette information », or an honest « je ne suis pas sûr » with the closest
 * topics, or « hors périmètre ». Unanswered questions and votes are logged without their author.
 */
export class QuestionAnswering implements QuestionsApi {
  constructor(
    private readonly index: KnowledgeIndex,
    private readonly content: Content,
    private readonly render: RenderTemplate,
    private readonly store: Pick<UserStore, 'logUnanswered' | 'logFeedback'>,
  ) {}

  /**
   * Messages for a typed question. With `confidentOnly`, nothing unless a confident answer
   * exists (a dialog is waiting for an answer of its own).
   */
  answer(text: string, now: Date, options: { confidentOnly: boolean; profile?: AskerProfile }): OutMessage[] | undefined {
    const response = this.respond(text, now, options.profile);
    if (response.status === 'answer') return response.messages;
    if (options.confidentOnly || response.status === 'empty') return undefined;
    return response.messages;
  }

  /** The full response to a typed question: what is said, and how sure it is. */
  respond(text: string, now: Date, profile: AskerProfile = {}): QaResponse {
    const context = { actor: profile.actor, options: Object.values(profile.options ?? {}) };
    const outcome = this.index.ask(text, context);
    if (outcome.status === 'empty') return { status: 'empty', entries: [], messages: [] };
    // « Près de chez moi » (the profile's département), or a region named with « exemples » (« en Bretagne »).
    const { search, territories } = this.content;
    // Asked in the question itself: « chez nous il y a une zone d'activités… » only says where the asker is.
    const asked = this.index.questionOf(text);
    const region = this.index.says(asked, search.exampleWords) ? territories.regions.find((r) => this.index.says(asked, [r.name])) : undefined;
    if (region || this.index.says(asked, search.nearMe)) {
      const near = nearbyAnswer(this.content, this.render, outcome, { departement: profile.departement, regionName: region?.name });
      const messages = [fitToBudget(message(near.text, { choices: this.nearbyChoices(near.anchor, profile.departement) }), ANSWER_BUDGET)];
      // None near: the kit does not have that information (the message says so and shows others).
      return { status: near.found ? 'answer' : 'missing', entries: [], messages };
    }
    if (outcome.status === 'answer') return { status: 'answer', entries: outcome.docs.map((d) => d.id), messages: this.answerMessages(outcome.docs, outcome.alternatives) };
    // The day only: a time to the millisecond would match the author's own record written in the same turn.
    this.store.logUnanswered({ text: scrub(text), at: dayOf(now), closest: outcome.alternatives.map((d) => d.id) });
    return { status: outcome.status, entries: [], messages: [this.notAnswered(outcome)] };
  }

  /** True when a text typed while a dialog waits should be taken as a question. */
  isQuestion(text: string): boolean {
    return looksLikeQuestion(text, this.content.search.questionStarts);
  }

  /** Messages for a button this service put in an earlier answer (a topic, a vote), if it is one. */
  button(value: string | undefined, now: Date): OutMessage[] | undefined {
    if (!value) return undefined;
    const button = readButtonValue(value);
    if (button.kind === 'qa-topic') {
      const doc = this.index.get(button.entry);
      return doc ? this.answerMessages([doc], []) : undefined;
    }
    if (button.kind === 'feedback' && this.index.get(button.entry)) {
      this.store.logFeedback({ entry: button.entry, vote: button.vote, at: dayOf(now) });
      return [message(this.render('qa/feedback-thanks', { vote: button.vote }))];
    }
    return undefined;
  }

  private notAnswered(outcome: Exclude<QaOutcome, { status: 'answer' } | { status: 'empty' }>): OutMessage {
    const topics = outcome.alternatives;
    const choices = topics.map((d) => ({ label: this.label(d), value: topic(d.id) }));
    // A title too long for its button is given whole in the text.
    const listed = topics.some((d) => this.label(d) !== this.title(d)) ? topics.map((d) => this.title(d)) : [];
    return message(this.render('qa/unsure', { status: outcome.status, alternatives: topics.map((d) => this.title(d)), listed }), {
      choices: [...choices, { label: this.content.ui.labels.menu, value: command('menu') }],
    });
  }

  /** One message per entry (two for a comparison), the follow-ups under the last one. */
  private answerMessages(docs: KnowledgeDoc[], alternatives: KnowledgeDoc[]): OutMessage[] {
    return docs.map((doc, i) => {
      const sources = doc.source.map((file) => this.content.sources.find((s) => s.file === file)?.title ?? file);
      const last = i === docs.length - 1;
      const followUps = last ? this.followUps(docs, alternatives) : { choices: [], shortened: [] };
      const seeAlso = followUps.shortened.length > 0 ? `\n\n${this.render('qa/see-also', { titles: followUps.shortened })}` : '';
      const body = `${this.render('qa/heading', { title: this.title(doc), kind: doc.kind })}\n\n${this.render('qa/answer', { doc }).trim()}${seeAlso}`;
      const cards: Card[] = doc.link ? [{ title: this.title(doc), url: doc.link, linkLabel: this.content.ui.labels.openLink }] : [];
      // The source stays in view under the answer's first lines; a long list of sources shows its
      // first one there and the whole list at the end of the detail.
      const allSources = this.render('qa/source', { sources, more: 0 }).trim();
      const source = allSources.length <= SOURCE_LINE ? allSources : this.render('qa/source', { sources: sources.slice(0, 1), more: sources.length - 1 }).trim();
      const fitted = fitToBudget(message(body, { cards, choices: followUps.choices }), ANSWER_BUDGET - source.length - 2);
      const detail = fitted.detail === undefined ? (source === allSources ? undefined : allSources) : [fitted.detail, source === allSources ? '' : allSources].filter(Boolean).join('\n\n');
      const shown: OutMessage = { ...fitted, text: `${fitted.text}\n\n${source}` };
      if (detail) shown.detail = detail;
      return shown;
    });
  }

  /** The title shown for an entry: the template words it for entries whose content has none. */
  private title(doc: KnowledgeDoc): string {
    return this.render('qa/title', { doc });
  }

  /**
   * The entry's name on a button: its title when a button shows it whole, else its short title
   * (`shortTitle` of the content), else the title cut at a word.
   */
  private label(doc: KnowledgeDoc): string {
    const title = this.title(doc);
    return title === shortLabel(title) ? title : (doc.shortTitle ?? shortLabel(title));
  }

  /** The follow-up buttons, and the whole titles of the topics whose button shows a shorter name. */
  private followUps(docs: KnowledgeDoc[], alternatives: KnowledgeDoc[]): { choices: Choice[]; shortened: string[] } {
    const { labels } = this.content.ui;
    const main = docs[0]!;
    const shown = new Set(docs.map((d) => d.id));
    // The runner-up first (« vouliez-vous dire… »), then the entry's own related topics.
    const topics = [...alternatives.slice(0, 1), ...main.related.map((id) => this.index.get(id)).filter((d): d is KnowledgeDoc => d !== undefined)]
      .filter((d) => !shown.has(d.id) && (shown.add(d.id), true))
      .slice(0, 2);
    const next = main.next ? [{ label: labels[NEXT_COMMAND[main.next].label], value: command(NEXT_COMMAND[main.next].command) }] : [];
    const choices = [
      ...topics.map((d) => ({ label: this.label(d), value: topic(d.id) })),
      ...next,
      { label: labels.feedbackUp, value: vote('up', main.id) },
      { label: labels.feedbackDown, value: vote('down', main.id) },
      { label: labels.menu, value: command('menu') },
    ];
    return { choices, shortened: topics.filter((d) => this.label(d) !== this.title(d)).map((d) => this.title(d)) };
  }

  private nearbyChoices(anchor: string, departement: string | undefined): Choice[] {
    const { labels } = this.content.ui;
    return [
      ...(departement ? [] : [{ label: labels.profile, value: command('profile') }]),
      { label: labels.nextMethod, value: command('method') },
      { label: labels.feedbackUp, value: vote('up', anchor) },
      { label: labels.feedbackDown, value: vote('down', anchor) },
      { label: labels.menu, value: command('menu') },
    ];
  }
}
