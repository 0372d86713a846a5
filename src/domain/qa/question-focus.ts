import { paddedPhrases, paddedText } from './analyse-text.js';

/** The words that tell the parts of a message apart (`search.json` › messageParts). */
export interface MessagePartWords {
  /** « bonjour », « bonsoir à vous »: said before the message, never its subject. */
  greetings: string[];
  /** « merci d'avance », « si vous avez un moment »: said around the question, never its subject. */
  politeness: string[];
  /** « je suis », « nous sommes », « je travaille »: the asker says who they are (a profile hint, not the subject). */
  selfIntro: string[];
  /** « pourriez-vous », « j'aimerais », « je me demandais »: a clause that asks, even without « ? ». */
  asks: string[];
}

/** One clause of a message and the part it plays. */
export interface Clause {
  text: string;
  role: 'question' | 'context' | 'self' | 'chat';
}

/** A message read as its question, the context around it, and what the asker says of themselves. */
export interface Focus {
  /** The clauses that ask: sentences ending with « ? », starting like a question, or with an ask phrase; else the last sentence. */
  question: string;
  /** The other clauses that may carry the subject (« On fait surtout des appels à projets. »). */
  context: string;
  /** What the asker says of themselves (« je suis élue à la vie associative… »): a hint of their profile. */
  self: string;
  clauses: Clause[];
}

// Sentence ends, then the places where a sentence changes clause: a comma or a semicolon, or « et je »,
// « et on », « mais nous »… (« je suis élue… et je voudrais comprendre… »).
const SENTENCES = /(?<=[.!?…])\s+|\n+|(?<=\.\.\.)/u;
const CLAUSES = /\s*[,;:()]\s*|\s+(?=(?:et|mais|donc|alors)\s+(?:je|j['’]|on|nous|ma|mon|notre|nos)\b)/iu;

/**
 * Reads a typed message the way a person does: greetings and thanks are no part of it, a
 * self-presentation (« je suis chargée de mission RSE… ») says who asks, not what; the clause that
 * asks is the question, and the rest is context that may carry its subject. A message of one
 * plain question is all question.
 */
export function focusMessage(text: string, words: MessagePartWords, startsLikeQuestion: (clause: string) => boolean): Focus {
  const chat = [...paddedPhrases(words.greetings), ...paddedPhrases(words.politeness)].sort((a, b) => b.length - a.length);
  const selfIntro = paddedPhrases(words.selfIntro);
  const asks = paddedPhrases(words.asks);
  const clauses: Array<Clause & { asked: boolean }> = [];
  for (const sentence of text.split(SENTENCES).map((s) => s.trim()).filter(Boolean)) {
    const asked = /\?\s*\S{0,3}$/u.test(sentence);
    for (const raw of sentence.split(CLAUSES).map((c) => c.trim()).filter((c) => /[\p{L}\p{N}]/u.test(c))) {
      // A clause cut at « et je… » starts with its connector: it says nothing of the clause's part.
      let rest = paddedText(raw).replace(/^ (?:et|mais|donc|alors) /u, ' ');
      // « Bonjour à vous », « merci d'avance »: removed wherever they stand; what remains is the clause.
      for (const p of chat) while (rest.includes(p)) rest = rest.replace(p, ' ');
      const clause = raw;
      if (rest.trim() === '') clauses.push({ text: clause, role: 'chat', asked });
      else if (selfIntro.some((p) => rest.startsWith(p))) clauses.push({ text: clause, role: 'self', asked });
      else {
        const asks_ = asked || startsLikeQuestion(rest.trim()) || asks.some((p) => rest.includes(p));
        clauses.push({ text: clause, role: asks_ ? 'question' : 'context', asked });
      }
    }
  }
  // No clause asks (« je cherche un partenaire pour mon asso. »): the last clause that says something is the question.
  if (!clauses.some((c) => c.role === 'question')) {
    const last = [...clauses].reverse().find((c) => c.role === 'context') ?? [...clauses].reverse().find((c) => c.role === 'self');
    if (last) last.role = 'question';
  }
  const join = (role: Clause['role']) =>
    clauses
      .filter((c) => c.role === role)
      .map((c) => c.text)
      .join(' ; ');
  return { question: join('question'), context: join('context'), self: join('self'), clauses: clauses.map(({ text: t, role }) => ({ text: t, role })) };
}
