import { z } from 'zod';
import { Id, Source, Text } from './shared.js';
import { MethodStepId } from './method.js';

// `content/jeudis.json`: the programme of the Thursday prompts.

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
  /** The breaks offered as buttons, in weeks (a break of 1 to 12 weeks can also be typed). */
  pauseWeeks: z.array(z.number().int().min(1).max(12)).min(1).max(6),
  /**
   * « Jusqu'à la rentrée »: a break until the first Thursday of `month` (September: associations
   * stop for the summer), offered beside the weeks; `words` are how people type it (folded).
   */
  rentree: z.object({ month: z.number().int().min(1).max(12), words: z.array(Text).min(1) }),
  /** Thursdays the personal calendar feed shows ahead (its events are refreshed by the calendar). */
  calendarWeeks: z.number().int().min(1).max(26),
  /** Minutes a Thursday's event lasts in the calendar feed. */
  calendarMinutes: z.number().int().min(5).max(120),
  rotationStart: LocalDate.refine((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 4, 'doit être un jeudi'),
  themes: z.array(JeudisTheme).min(1),
  prospective: z.object({ id: Id, need: Id }),
  source: Source,
});

export type JeudisTheme = z.infer<typeof JeudisTheme>;
export type JeudisFile = z.infer<typeof JeudisFile>;
