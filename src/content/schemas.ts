import { z } from 'zod';

/**
 * Zod schemas of every file in `content/`. They are the single source of truth for the types
 * used by the engine, the dialogs and the renderers (see `z.infer` exports at the bottom).
 */

/** The seed file an entry was written from; every entry must be traceable to one. */
export const SeedFile = z.enum([
  '000_addb04da5863d196.txt',
  '001_56bd802f834b3c91.txt',
  '002_ba81404e8a057324.txt',
  '003_5f7db9ad5808ebbb.txt',
  '004_2ca2561172c527aa.txt',
]);

const Id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'identifiant attendu en kebab-case (a-z, 0-9, tirets)');
const Text = z.string().trim().min(1, 'texte vide');
const Source = z.array(SeedFile).min(1, 'au moins un document source');

/** A passage of prose taken from the seeds. */
const Passage = z.object({ text: Text, source: Source });

/** Method steps, used by tools to say which step of the 3-step method they help with. */
export const MethodStepId = z.enum(['objectifs', 'modele', 'ecosysteme', 'evaluation']);

// ---------------------------------------------------------------- actors.json
export const ActorOption = z.object({
  id: Id,
  label: Text,
  description: Text,
  /** What this kind of actor typically does in partnerships, when a seed says so. */
  typicalAction: Text.optional(),
  /** How the bot names a user who chose this option, e.g. « une association employeuse ». */
  phrase: Text.optional(),
  /** Other ways users type this answer (« que des bénévoles », « PME »), compared folded, typos tolerated. */
  synonyms: z.array(Text).default([]),
  /** The headcount this option stands for (« on est 40 » → PME), bounds included; no `max`: no upper bound. */
  headcount: z.object({ min: z.number().int().min(0), max: z.number().int().min(0).optional() }).optional(),
  source: Source,
});

/** A detail asked in the profile for one actor type (e.g. company size, volunteer-only or employer). */
export const ActorDimension = z.object({
  id: Id,
  question: Text,
  options: z.array(ActorOption).min(2),
});

export const Actor = z.object({
  id: Id,
  label: Text,
  description: Text,
  /** Entry point into partnerships that the seeds give for this actor, when they give one. */
  entryPoint: Text.optional(),
  /** How the bot names a user of this type, e.g. « une entreprise ». */
  phrase: Text.optional(),
  /** Other ways users name this type (« mairie », « asso », « boîte »), compared folded, typos tolerated. */
  synonyms: z.array(Text).default([]),
  dimensions: z.array(ActorDimension).default([]),
  source: Source,
});

export const ActorsFile = z.object({ actors: z.array(Actor).min(1) });

// ---------------------------------------------------------------- needs.json
export const ScaleLevel = z.object({
  value: z.number().int().min(1),
  label: Text,
  description: Text,
  /** Typed answers that mean this level ("plutot oui", "moyen"...), compared accent- and case-folded. */
  synonyms: z.array(Text).default([]),
});

export const Need = z.object({
  id: Id,
  order: z.number().int().min(1),
  title: Text,
  shortTitle: Text,
  /** One or two sentences that introduce the need to the user. */
  summary: Text,
  /** The questions of the methodological kit, word for word. */
  questions: z.array(Text).min(1),
  /**
   * What helps answer this need's questions, offered as a button on the need (« La vision
   * systémique de l'utilité sociale » on need 7): `teaching:<id>` (teachings.json),
   * `induced-effect:<id>` (knowledge.json) or `observatoire` (the Observatoire's description).
   */
  learnMore: z
    .object({
      label: Text,
      items: z.array(z.string().regex(/^(?:teaching:[a-z0-9-]+|induced-effect:[a-z0-9-]+|observatoire)$/, 'teaching:<id>, induced-effect:<id> ou observatoire')).min(1),
    })
    .optional(),
  source: Source,
});

export const NeedsFile = z.object({
  /** Self-assessment scale shared by the 7 needs, from least to most advanced. */
  scale: z.array(ScaleLevel).min(2),
  needs: z.array(Need).min(1),
});

// ---------------------------------------------------------------- tools.json
export const ToolKind = z.enum([
  'guide',
  'referentiel',
  'plateforme',
  'autodiagnostic',
  'mooc',
  'etude',
  'base-de-donnees',
  'parcours',
  'fiche',
  'centre-de-ressources',
  'programme',
  'tableau-de-bord',
  'vademecum',
  'animation',
  'rapport',
  'livre',
  'article',
]);

export const Tool = z.object({
  id: Id,
  title: Text,
  kind: ToolKind,
  publisher: Text.optional(),
  year: z.number().int().min(1970).max(2030).optional(),
  /** Exactly as a seed gives it (corrected only where another seed spells it right: see `note`). */
  url: z.url().optional(),
  /**
   * Where to find it, shown on its card: for a tool without `url`, the publisher's site or page
   * the seeds name; for a tool whose `url` is a shared homepage (a platform's), which page or
   * section of it. Written from the seeds only.
   */
  whereToFind: Text.optional(),
  note: Text.optional(),
  /** Actor ids the tool is meant for; empty means every actor. */
  audience: z.array(Id).default([]),
  /** Actor option ids (e.g. a company size) the tool fits best, when the seeds say so. */
  fits: z.array(Id).default([]),
  needs: z.array(Id).min(1),
  steps: z.array(MethodStepId).default([]),
  summary: Text,
  source: Source,
});

export const ToolsFile = z.object({ tools: z.array(Tool).min(1) });

// ---------------------------------------------------------------- method.json (steps 1 and 2)
export const Objective = z.object({
  id: Id,
  label: Text,
  description: Text,
  /** The partnership category this objective points to, following the kit's rule. */
  category: Id,
  source: Source,
});

export const PartnershipModel = z.object({
  id: Id,
  label: Text,
  definition: Text,
  examples: z.array(Text).min(1),
  /** Words of a typed project description that point to this model (« mécénat de compétences »). */
  synonyms: z.array(Text).default([]),
  /** For authors: how the entry departs from the seed's wording (an example split, an abbreviation written out). */
  note: Text.optional(),
  source: Source,
});

/** An option's wording for one kind of actor (the kit words the models from the company's side). */
const ActorWording = z.object({ label: Text, hint: Text });

/** The question that tells the models of one category apart, each option naming its model. */
export const ModelDiscriminator = z.object({
  question: Text,
  options: z
    .array(
      z.object({
        label: Text,
        model: Id,
        hint: Text,
        /** Wording for other actor types (actor id → label and hint); `label`/`hint` are the company's. */
        byActor: z.record(z.string(), ActorWording).default({}),
      }),
    )
    .min(2),
  source: Source,
});

export const PartnershipCategory = z.object({
  id: Id,
  label: Text,
  /** What the category covers inside an organisation (processus, business model...). */
  covers: Text,
  description: Text,
  /** Other ways users name this category (« dons », « RSE »), compared folded, typos tolerated. */
  synonyms: z.array(Text).default([]),
  models: z.array(PartnershipModel).min(1),
  discriminator: ModelDiscriminator,
  source: Source,
});

export const EntryPoint = z.object({
  actor: Id,
  category: Id,
  description: Text,
  source: Source,
});

export const MethodFile = z.object({
  intro: Passage,
  steps: z
    .array(
      z.object({
        id: MethodStepId,
        order: z.number().int(),
        title: Text,
        summary: Text,
        /** Needs of the territory this step works on first: its tools are chosen for them. */
        needs: z.array(Id).min(1),
        source: Source,
      }),
    )
    .min(1),
  objectives: z.array(Objective).length(4),
  categories: z.array(PartnershipCategory).length(4),
  entryPoints: z.array(EntryPoint).default([]),
  /** How entry points lead to co-construction (innovation continuum), as prose. */
  continuum: z.array(z.object({ id: Id, text: Text, source: Source })).default([]),
  /**
   * Words that give an objective's weight (0 to 10) in step 1: « pas important » → 0,
   * « prioritaire » → 10. A typed number always wins over them.
   */
  weightWords: z.array(z.object({ value: z.number().int().min(0).max(10), synonyms: z.array(Text).min(1) })).default([]),
});

// ---------------------------------------------------------------- ecosystem.json (step 3)
export const InspiringExample = z.object({
  id: Id,
  name: Text,
  theme: Text.optional(),
  /** Département number as the seed gives it ("13", "2A"...). */
  departement: z.string().regex(/^(?:\d{2,3}|2A|2B)$/).optional(),
  source: Source,
});

export const CoConstructionFunction = z.object({
  id: Id,
  label: Text,
  activities: z.array(Text).min(1),
  /** Other ways users name this function, compared folded, typos tolerated. */
  synonyms: z.array(Text).default([]),
  examples: z.array(InspiringExample).default([]),
  source: Source,
});

export const EcosystemFile = z.object({
  intro: Passage,
  catalyseur: Passage,
  functions: z.array(CoConstructionFunction).length(4),
  territoryExample: z.object({
    name: Text,
    departement: z.string(),
    /** function id → the actor or initiative that covers it on that territory. */
    byFunction: z.record(z.string(), Text),
    source: Source,
  }),
});

// ---------------------------------------------------------------- evaluation.json
export const EvaluationFile = z.object({
  intro: Passage,
  angles: z.array(z.object({ id: Id, label: Text, definition: Text, source: Source })).min(1),
  ownPerformance: z.object({
    text: Text,
    /** The 4 effects to look at through the carré magique, from the kit, worded for the user (« sur votre organisation interne »...). */
    effects: z.array(Text).length(4),
    questions: z.array(Text).min(1),
    source: Source,
  }),
  ecosystemImpacts: z.object({ text: Text, questions: z.array(Text).min(1), source: Source }),
  twoQuestions: z.object({ text: Text, questions: z.array(Text).min(1), source: Source }),
  synthesisQuestions: z.object({ text: Text, questions: z.array(Text).length(3), source: Source }),
  impacts: z.array(z.object({ id: Id, label: Text, description: Text, source: Source })).min(1),
});

// ---------------------------------------------------------------- knowledge.json (figures, history, programmes, roadmap, Jeudis)
export const KeyFigure = z.object({
  id: Id,
  /** The figure as the seed states it, e.g. "1,5 million d'associations". */
  statement: Text,
  value: Text,
  topic: Text,
  year: z.number().int().optional(),
  source: Source,
});

export const TimelineEvent = z.object({
  id: Id,
  period: Text,
  title: Text,
  description: Text,
  source: Source,
});

export const Programme = z.object({
  id: Id,
  name: Text,
  period: Text,
  description: Text,
  phases: z.array(Text).default([]),
  source: Source,
});

export const RoadmapMeasure = z.object({
  id: Id,
  number: z.number().int().min(1).max(21),
  kind: z.enum(['operationnelle', 'strategique', 'politique']),
  title: Text,
  description: Text.optional(),
  source: Source,
});

export const KnowledgeFile = z.object({
  figures: z.array(KeyFigure).min(1),
  timeline: z.array(TimelineEvent).min(1),
  observatoire: z.object({ description: Text, programmes: z.array(Programme).min(1), source: Source }),
  roadmap: z.object({
    description: Text,
    structuralObjectives: z.array(z.object({ id: Id, title: Text, description: Text, source: Source })).length(4),
    measures: z.array(RoadmapMeasure),
    /** What the 7 measures of each kind aim at and when they take effect, as the seed says it. */
    measureKinds: z
      .array(z.object({ kind: z.enum(['operationnelle', 'strategique', 'politique']), label: Text, description: Text, source: Source }))
      .default([]),
    source: Source,
  }),
  jeudis: z.object({
    description: Text,
    prospectiveCycle: Text,
    source: Source,
  }),
  inducedEffects: z.array(z.object({ id: Id, title: Text, description: Text, tools: z.array(Id).default([]), source: Source })).default([]),
});

// ---------------------------------------------------------------- faq.json and sources.json (free-text questions)
/** Dialog a FAQ answer can lead to, offered as a follow-up button. */
export const FollowUp = z.enum(['diagnosis', 'method', 'evaluation', 'pairing', 'report']);

export const FaqEntry = z.object({
  id: Id,
  kind: z.enum(['glossaire', 'faq']),
  /** Short topic name, shown on suggestion buttons (« Le mécénat de compétences »). */
  title: Text,
  /** Ways users ask it; the first is the canonical question. */
  questions: z.array(Text).min(2),
  /** A concise answer, faithful to the source; never a figure the seeds do not give. */
  answer: Text,
  link: z.url().optional(),
  /** Ids of other answerable entries (`faq:…`, `tool:…`, `need:…`, `model:…`...). */
  related: z.array(z.string()).default([]),
  next: FollowUp.optional(),
  source: Source,
});

export const FaqFile = z.object({ entries: z.array(FaqEntry).min(1) });

export const SourcesFile = z.object({
  sources: z.array(z.object({ file: SeedFile, title: Text, date: Text.optional() })).length(5),
});

/** Words ignored in questions, and words a question may use for another (folded, lower case). */
export const SearchFile = z.object({
  note: Text,
  stopwords: z.array(z.string().min(1)),
  synonyms: z.record(z.string(), z.array(z.string().min(1)).min(1)),
  /**
   * Words that say what kind of answer a question wants (« combien » → a figure, « outil » → a
   * tool): entries of that kind weigh more for that question.
   */
  intents: z.record(z.enum(['figure', 'tool', 'model']), z.array(z.string().min(1))),
  /** How a question may start (« c'est quoi », « comment »...): such a text typed mid-dialog is taken as a question. */
  questionStarts: z.array(z.string().min(1)).min(1),
  /**
   * More names of an answerable entry (entry id → names): a question that names one gets that
   * entry first (« joint venture » → the hybrid model). Names taken from the content itself
   * (titles, labels, example names, « mesure 18 ») need not be listed.
   */
  aliases: z.record(z.string(), z.array(z.string().min(1)).min(1)).default({}),
  /** Entries that are one subject (near-duplicates): the first answers for all, found by the words of each. */
  sameSubject: z.array(z.array(z.string().min(1)).min(2)).default([]),
  /** Entries that sum up several others (the 7 needs, the 9 models): a question naming one of those prefers it. */
  overviews: z.array(z.string().min(1)).default([]),
  /**
   * Everyday French words (« hélas », « maintenant », « travaille »…): dropped from a question when
   * the content never uses them, so that chat around a question does not weigh like its subject.
   */
  chatWords: z.array(z.string().min(1)).default([]),
  /** Words so common in the content that they alone never make a confident answer (partenariat, territoire…). */
  generic: z.array(z.string().min(1)).default([]),
  /** Ways of saying « near me » (« près de chez moi »): the answer lists the examples of the user's département and region first. */
  nearMe: z.array(z.string().min(1)).default([]),
  /** Words that ask about oneself (« pour moi », « mon association »): the user's profile then guides the answer. */
  aboutMe: z.array(z.string().min(1)).default([]),
  /** Words that ask to compare two things (« différence », « vs »): the answer then gives both entries. */
  comparison: z.array(z.string().min(1)).default([]),
  /**
   * Words that ask for what the documents never give (a budget, a price, a salary, contact
   * details, what happened after 2022): unless the best entry holds that word, the bot says it
   * does not have this information rather than answering beside the question.
   */
  unavailable: z.array(z.string().min(1)).default([]),
  /** Words that ask for examples (« exemple », « initiative »): with a region's name, the examples of that region. */
  exampleWords: z.array(z.string().min(1)).default([]),
  /** Numbers written in words (« 2 » → « deux »), read as the number: « les deux questions » finds « 2 questions ». */
  numbers: z.record(z.string().regex(/^\d+$/), z.array(z.string().min(1))).default({}),
  /** Ordinal words per number (« 2 » → « deuxième », « 2e »), to find « la deuxième étape » or « le 3e objectif structurel ». */
  ordinals: z.record(z.string().regex(/^\d+$/), z.array(z.string().min(1))).default({}),
  /**
   * The parts of a typed message (src/domain/qa/question-focus.ts): greetings and thanks are no part of
   * the question, a self-presentation says who asks, an ask phrase marks the clause that asks.
   */
  messageParts: z
    .object({ greetings: z.array(z.string().min(1)), politeness: z.array(z.string().min(1)), selfIntro: z.array(z.string().min(1)), asks: z.array(z.string().min(1)) })
    .default({ greetings: [], politeness: [], selfIntro: [], asks: [] }),
  /**
   * Questions that ask how to do something (« par où commencer », « quelles étapes »): their marker
   * words say what kind of answer is wanted, and entries of these kinds (methods, steps, tools) weigh more.
   */
  howTo: z.object({ markers: z.array(z.string().min(1)), kinds: z.array(z.string().min(1)) }).default({ markers: [], kinds: [] }),
  /**
   * Phrases that ask for a kind of information recognisable in a text (a number, a date, a name,
   * contact details, an amount, a link): when the best entry holds none, the bot says it does not
   * have this information.
   */
  answerTypes: z.partialRecord(z.enum(['number', 'date', 'person', 'contact', 'amount', 'link']), z.array(z.string().min(1))).default({}),
  /** Verbs that open a request to do something (« écris », « traduis »): declined, the bot only tells what the documents say. */
  tasks: z.array(z.string().min(1)).default([]),
  /**
   * Words and phrases the seeds use for the same thing (« mécénat de compétences » / « engagement
   * des salariés », « mairie » / « commune » / « collectivité »): a question's word also finds the
   * others of its group, weighing less than its own.
   */
  thesaurus: z.array(z.array(z.string().min(1)).min(2)).default([]),
});

// ---------------------------------------------------------------- seed passages, glossary.json, teachings.json

/** A passage of a seed: the file and its lines (1-based, inclusive), checked by content:check. */
export const SeedPassage = z.object({
  file: SeedFile,
  lines: z.tuple([z.number().int().min(1), z.number().int().min(1)]).refine(([from, to]) => from <= to, 'lignes : début après la fin'),
});

/**
 * Acronyms, expanded at their first use in each message and page (« le CGET (Commissariat
 * général à l'égalité des territoires) »). `long` is the expansion; where a seed only names an
 * organisation without expanding it, `long` says what the seed says it is, not a guess.
 */
export const GlossaryFile = z.object({
  note: Text.optional(),
  acronyms: z
    .array(
      z.object({
        short: z.string().regex(/^[A-ZÀ-Ý][A-ZÀ-Ý0-9&-]{1,11}$/, 'sigle en capitales (2 à 12 caractères)'),
        long: Text,
        /** Where the seeds use it (and expand it, when they do). */
        source: z.array(SeedPassage).min(1, 'au moins un passage des documents sources'),
        /** Where the expansion comes from when no seed gives it (e.g. the organisation's official name). */
        expansionFrom: Text.optional(),
      }),
    )
    .min(1),
  /** Words in capitals that are not acronyms (a programme's name written in capitals, a surname...). */
  notAcronyms: z.array(z.string().min(2)).default([]),
});

/** What the seeds teach that no other file holds: each entry answerable as a question. */
export const TeachingsFile = z.object({
  note: Text.optional(),
  teachings: z
    .array(
      z.object({
        id: Id,
        title: Text,
        /** The main text, faithful to the seed. */
        text: Text,
        /** Its parts (the 3 prismes, the 6 dimensions...), one line each. */
        points: z.array(Text).default([]),
        /** Ways a user may ask about it. */
        questions: z.array(Text).default([]),
        source: z.array(SeedPassage).min(1, 'au moins un passage des documents sources'),
      }),
    )
    .min(1),
});

// ---------------------------------------------------------------- phrasings.json

/**
 * Questions as users asked them, each with the entry (or the entries, for a comparison or a
 * question in two parts) whose answer holds what was asked: the alternative phrasings of an FAQ
 * bot. They teach the free-text answers the words people use (« sans se marcher dessus ») that the
 * entry's own text never says. Words users type: not shown, not checked by the writing rules.
 */
export const PhrasingsFile = z.object({
  note: Text,
  examples: z
    .array(
      z.object({
        /** The question as typed (typos, SMS, chat kept: that is what is learnt from). */
        q: Text,
        /** The ids of the entries that answer it (`faq:…`, `model:…`; those of `npm run eval:qa -- --details` and of the 👍 buttons). */
        entries: z.array(z.string().min(1)).min(1).max(3),
        /** Where the phrasing comes from (an evaluation question's id, « utilisateur 2026-02 »…): to trace it, never shown. */
        from: z.string().min(1).optional(),
      }),
    )
    .default([]),
  /**
   * Questions asked about the subject that the documents cannot answer (a budget, a list they only
   * count, a later result): a question nearly the same is told « je n'ai pas cette information ».
   */
  declined: z.array(z.object({ q: Text, from: z.string().min(1).optional() })).default([]),
});

// ---------------------------------------------------------------- territories.json
const DepartementCode = z.string().regex(/^(?:\d{2}|2A|2B|97[1-46])$/, 'code de département attendu');

/** Administrative regions, used only to show nearby inspiring examples first. */
export const TerritoriesFile = z.object({
  note: Text,
  regions: z.array(z.object({ code: z.string(), name: Text, departements: z.array(DepartementCode).min(1) })).min(1),
  /**
   * Départements that share a border (both ways; checked by content:check against the official
   * list of départements): « près de chez moi ». Overseas départements have none.
   */
  neighbours: z.record(DepartementCode, z.array(DepartementCode)).default({}),
  /** Other names users give a département (« le 9-3 », « la Corse du Sud »): code → names. */
  aliases: z.record(DepartementCode, z.array(Text)).default({}),
});

// ---------------------------------------------------------------- ui.json (labels and command words)
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
    method: Text,
    evaluation: Text,
    pairing: Text,
    continue: Text,
    done: Text,
    otherCategory: Text,
    pairingInvite: Text,
    pairingJoin: Text,
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
    notNow: Text,
    myData: Text,
    eraseConfirm: Text,
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
  }),
});

export type SeedFile = z.infer<typeof SeedFile>;
export type SeedPassage = z.infer<typeof SeedPassage>;
export type GlossaryFile = z.infer<typeof GlossaryFile>;
export type TeachingsFile = z.infer<typeof TeachingsFile>;
export type PhrasingsFile = z.infer<typeof PhrasingsFile>;
export type MethodStepId = z.infer<typeof MethodStepId>;
export type Actor = z.infer<typeof Actor>;
export type ActorDimension = z.infer<typeof ActorDimension>;
export type ActorOption = z.infer<typeof ActorOption>;
export type ScaleLevel = z.infer<typeof ScaleLevel>;
export type Need = z.infer<typeof Need>;
export type Tool = z.infer<typeof Tool>;
export type ToolKind = z.infer<typeof ToolKind>;
export type MethodFile = z.infer<typeof MethodFile>;
export type EcosystemFile = z.infer<typeof EcosystemFile>;
export type EvaluationFile = z.infer<typeof EvaluationFile>;
export type KnowledgeFile = z.infer<typeof KnowledgeFile>;
export type UiFile = z.infer<typeof UiFile>;
export type AnswerOption = z.infer<typeof AnswerOption>;
export type UnderstandingVocabulary = z.infer<typeof UnderstandingVocabulary>;
export type TerritoriesFile = z.infer<typeof TerritoriesFile>;
export type FaqEntry = z.infer<typeof FaqEntry>;
export type FollowUp = z.infer<typeof FollowUp>;
export type SearchFile = z.infer<typeof SearchFile>;
export type PartnershipCategory = z.infer<typeof PartnershipCategory>;
export type Objective = z.infer<typeof Objective>;
export type CoConstructionFunction = z.infer<typeof CoConstructionFunction>;
export type InspiringExample = z.infer<typeof InspiringExample>;

/** A command Teams lists in the compose box; Teams sends `title` as the message text. */
export const TeamsCommand = z.object({
  title: z.string().min(1).max(32),
  description: z.string().min(1).max(128),
});

/** What the Teams app package says about the app (manifest texts), in French. */
export const TeamsAppFile = z.object({
  name: z.object({ short: z.string().min(1).max(30), full: z.string().min(1).max(100) }),
  description: z.object({ short: z.string().min(1).max(80), full: z.string().min(1).max(4000) }),
  developerName: z.string().min(1).max(32),
  accentColor: z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'doit être une couleur #RRGGBB'),
  commands: z.array(TeamsCommand).min(1).max(10),
  tab: z.object({
    entityId: z.string().regex(/^[a-z0-9-]+$/, 'lettres minuscules, chiffres et tirets'),
    name: z.string().min(1).max(128),
  }),
});
export type TeamsAppFile = z.infer<typeof TeamsAppFile>;

const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date AAAA-MM-JJ');

/** A theme of the weekly « Jeudis » prompt: a need, a step of the method, or the tools. */
export const JeudisTheme = z.discriminatedUnion('kind', [
  z.object({ id: Id, kind: z.literal('need'), need: Id }),
  z.object({ id: Id, kind: z.literal('step'), step: MethodStepId }),
  z.object({ id: Id, kind: z.literal('tools') }),
]);

/**
 * The programme of the companion's own weekly prompts, inspired by the « Jeudis de l'ODD 17 »
 * of seed 004: themes in rotation from `rotationStart`, and every 3rd Thursday of the
 * month a theme on socio-economic models inspired by the seed's prospective cycle.
 * `rotationStart` is only the technical anchor of the rotation (any Thursday): it says nothing
 * of when the real programme started, which no seed dates.
 */
export const JeudisFile = z.object({
  timeZone: z.string().refine((tz) => Intl.supportedValuesOf('timeZone').includes(tz) || tz === 'UTC', 'fuseau horaire IANA inconnu'),
  defaultHour: z.number().int().min(0).max(23),
  hours: z.array(z.number().int().min(0).max(23)).min(1).max(10),
  pauseWeeks: z.array(z.number().int().min(1).max(12)).min(1).max(6),
  rotationStart: LocalDate.refine((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 4, 'doit être un jeudi'),
  themes: z.array(JeudisTheme).min(1),
  prospective: z.object({ id: Id, need: Id }),
  source: Source,
});
export type JeudisTheme = z.infer<typeof JeudisTheme>;
export type JeudisFile = z.infer<typeof JeudisFile>;
