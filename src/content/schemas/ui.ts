import { z } from 'zod';
import { Text } from './shared.js';
import { ToolKind } from './tools.js';

// `content/ui.json`: button labels, answers and the words of the anytime commands.

/** A button answer and the typed phrasings that mean it (compared accent- and case-folded). */
const AnswerOption = z.object({ value: z.string().min(1), label: Text, synonyms: z.array(Text).default([]) });

/**
 * The words the understanding layer (`src/understanding/`) reads in any answer, whatever the
 * question: numbers and ordinals, yes / no / « je ne sais pas », shorthand, filler words.
 */
export const UnderstandingVocabulary = z.object({
  /** Number words (« trois » → 3), folded. */
  numbers: z.record(z.string(), z.number().int().min(0)),
  /** Ordinal words (« deuxieme », « second » → 2; « dernier » → -1, the last), folded. */
  ordinals: z.record(z.string(), z.number().int().min(-1).refine((n) => n !== 0, 'position 0 impossible')),
  /** Shorthand and SMS spellings replaced before reading (« jsp » → « je sais pas »), folded. */
  shorthand: z.record(z.string(), z.string()),
  /** Words that carry no meaning in an answer (« c'est », « nous sommes », « une »), folded. */
  fillers: z.array(z.string().min(1)),
  /** Phrasings of yes, of no, and of « je ne sais pas », folded. */
  yes: z.array(z.string().min(1)).min(1),
  no: z.array(z.string().min(1)).min(1),
  dontKnow: z.array(z.string().min(1)).min(1),
  /** « les deux », « un peu des deux »: between two options, the user is asked which weighs more. */
  both: z.array(z.string().min(1)).default([]),
  /** Words that reverse what follows (« pas », « jamais »), folded. */
  negations: z.array(z.string().min(1)).min(1),
  /** Hour words for the Jeudis (« midi » → 12), and words that move an hour to the afternoon (« du soir »). */
  hours: z.record(z.string(), z.number().int().min(0).max(23)),
  afternoon: z.array(z.string().min(1)),
});
export const UiFile = z.object({
  /** Short button labels; longer wording lives in templates/. */
  labels: z.object({
    menu: Text,
    help: Text,
    diagnosis: Text,
    diagnosisResume: Text,
    diagnosisRestart: Text,
    report: Text,
    profile: Text,
    skip: Text,
    pause: Text,
    more: Text,
    yes: Text,
    no: Text,
    skipDepartement: Text,
    /** The diagnosis' « je ne sais pas » button and how the report names that answer. */
    dontKnow: Text,
    openLink: Text,
    /** The button that unfolds a message's or a card's detail when it names none (Teams: Action.ShowCard). */
    readMore: Text,
    method: Text,
    evaluation: Text,
    pairing: Text,
    continue: Text,
    done: Text,
    otherCategory: Text,
    pairingInvite: Text,
    pairingJoin: Text,
    /** The invitation's card: its title and its link (the chat, opened with the code). */
    pairingInvitation: Text,
    pairingInvitationLink: Text,
    pairingCancel: Text,
    pairingShow: Text,
    reportLink: Text,
    skipQuestion: Text,
    question: Text,
    feedbackUp: Text,
    feedbackDown: Text,
    nextDiagnosis: Text,
    nextMethod: Text,
    nextEvaluation: Text,
    nextPairing: Text,
    nextReport: Text,
    jeudis: Text,
    jeudisSubscribe: Text,
    jeudisUnsubscribe: Text,
    jeudisChangeHour: Text,
    jeudisPauseFor: Text,
    jeudisResumeNow: Text,
    jeudisContinue: Text,
    jeudisStart: Text,
    jeudisResource: Text,
    jeudisPause: Text,
    /** The card of the personal calendar feed (web chat), and its link. */
    jeudisCalendar: Text,
    jeudisCalendarLink: Text,
    notNow: Text,
    myData: Text,
    eraseConfirm: Text,
    /** The card of a resume code's link (« reprendre sur un autre appareil »). */
    resumeLink: Text,
    eraseCancel: Text,
  }),
  answers: z.object({
    evaluation: z.array(AnswerOption).min(2),
    functions: z.array(AnswerOption).min(2),
  }),
  understanding: UnderstandingVocabulary,
  /** How each kind of tool is named on a card (« Guide », « Autodiagnostic »...). */
  toolKinds: z.record(ToolKind, Text),
  /** Words that trigger an anytime command, compared accent- and case-folded. */
  commands: z.object({
    menu: z.array(Text).min(1),
    help: z.array(Text).min(1),
    restart: z.array(Text).min(1),
    cancel: z.array(Text).min(1),
    profile: z.array(Text).min(1),
    diagnosis: z.array(Text).min(1),
    report: z.array(Text).min(1),
    skip: z.array(Text).min(1),
    pause: z.array(Text).min(1),
    yes: z.array(Text).min(1),
    no: z.array(Text).min(1),
    more: z.array(Text).min(1),
    method: z.array(Text).min(1),
    evaluation: z.array(Text).min(1),
    /** A step of the method, opened directly (« étape 3 »); the report's links into the chat send these words. */
    step1: z.array(Text).min(1),
    step2: z.array(Text).min(1),
    step3: z.array(Text).min(1),
    /**
     * « j'ai un code »: joins a pairing with a partner's code; `{code}` stands for the code typed
     * after the words (« j'ai un code ABCD-2345 », what the invitation's link sends).
     */
    pairingJoin: z.array(Text).min(1),
    pairing: z.array(Text).min(1),
    reportLink: z.array(Text).min(1),
    question: z.array(Text).min(1),
    greet: z.array(Text).min(1),
    thanks: z.array(Text).min(1),
    whoami: z.array(Text).min(1),
    bye: z.array(Text).min(1),
    jeudis: z.array(Text).min(1),
    jeudisStop: z.array(Text).min(1),
    jeudisPause: z.array(Text).min(1),
    jeudisContinue: z.array(Text).min(1),
    jeudisResource: z.array(Text).min(1),
    myData: z.array(Text).min(1),
    eraseData: z.array(Text).min(1),
    /** « reprendre sur un autre appareil »: a resume code and link for this conversation. */
    resumeElsewhere: z.array(Text).min(1),
    /** « j'ai un code de reprise »: typing, on a new device, the code given on the other one. */
    resumeCode: z.array(Text).min(1),
  }),
});

export type UiFile = z.infer<typeof UiFile>;
export type AnswerOption = z.infer<typeof AnswerOption>;
export type UnderstandingVocabulary = z.infer<typeof UnderstandingVocabulary>;
