import { z } from 'zod';
import type { Dialog, DialogContext, StepResult } from '../src/conversation/dialog-types.js';
import { buttonValue, pressed } from '../src/domain/button-values.js';
import { isCommand } from '../src/domain/diagnosis/match-answer.js';
import { message, type Choice, type OutMessage } from '../src/domain/out-message.js';
import { readLevel } from '../src/domain/understanding/read-level.js';
import { profileFirst } from './profile-first.js';
import { progress } from './progress.js';
import { clarifying, ClarifyingData, noted, vocabulary } from './understood.js';

/** `clarify`: the levels the last typed answer hesitated between (asked about). */
const DiagnosisData = ClarifyingData.extend({
  /** The need asked, by its position in `needs.json`. */
  index: z.number().int().min(0).default(0),
  /** The need whose « en savoir plus » was just shown: it is asked again briefly, without that button. */
  learned: z.string().optional(),
});
type DiagnosisData = z.infer<typeof DiagnosisData>;
type Context = DialogContext<DiagnosisData>;

const currentNeed = (ctx: Context) => ctx.content.needs[ctx.data.index];

/** Index of the first need at or after `from` with no answer yet (answered or skipped), or -1. */
function nextOpenNeed(ctx: Context, from: number): number {
  return ctx.content.needs.findIndex((need, i) => i >= from && !(need.id in ctx.user.diagnosis.answers));
}

/**
 * A level button names its need, so that a press on the card of an earlier need (Teams keeps old
 * cards pressable) never answers the current one; the « en savoir plus » button names it too.
 */
const levelValue = (need: string, level: number | 'unknown') => buttonValue({ kind: 'level', need, level });

/** What helps answer a need's questions (`needs.json` › `learnMore`), ready for `diagnosis/learn-more`. */
interface LearnMoreItem {
  title: string | null;
  text: string;
  points: string[];
  /** Titles of the tools the item points to. */
  tools: string[];
  /** An induced effect of alliances (its title reads « Sur la performance… »). */
  effect: boolean;
}

function learnMoreItems(ctx: Context, items: string[]): LearnMoreItem[] {
  const { teachings, knowledge, tools } = ctx.content;
  return items.flatMap((ref): LearnMoreItem[] => {
    const [kind, id] = ref.split(':');
    if (kind === 'teaching') {
      const t = teachings.find((x) => x.id === id);
      return t ? [{ title: t.title, text: t.text, points: t.points, tools: [], effect: false }] : [];
    }
    if (kind === 'induced-effect') {
      const e = knowledge.inducedEffects.find((x) => x.id === id);
      const titles = (e?.tools ?? []).flatMap((toolId) => tools.filter((t) => t.id === toolId).map((t) => t.title));
      return e ? [{ title: e.title, text: e.description, points: [], tools: titles, effect: true }] : [];
    }
    return [{ title: null, text: knowledge.observatoire.description, points: [], tools: [], effect: false }];
  });
}

function choices(ctx: Context): Choice[] {
  const { labels } = ctx.content.ui;
  const need = currentNeed(ctx)?.id ?? '';
  const pending = clarifying(ctx, 'need');
  const levels = ctx.content.scale.filter((l) => !pending || pending.includes(String(l.value)));
  const learnMore = currentNeed(ctx)?.learnMore;
  return [
    ...levels.map((level) => ({ label: `${level.value} · ${level.label}`, value: levelValue(need, level.value) })),
    ...(pending ? [] : [{ label: labels.dontKnow, value: levelValue(need, 'unknown') }]),
    ...(learnMore && !pending && ctx.data.learned !== need ? [{ label: learnMore.label, value: buttonValue({ kind: 'learn-more', need }) }] : []),
    { label: labels.skip, value: buttonValue({ kind: 'diagnosis', action: 'skip' }) },
    { label: labels.pause, value: buttonValue({ kind: 'diagnosis', action: 'pause' }) },
  ];
}

const needProgress = (ctx: Context) => progress(ctx, 'diagnosis', ctx.data.index + 1, ctx.content.needs.length);

function record(ctx: Context, level: number | null, say: OutMessage[] = [], unknown = false): StepResult {
  const need = currentNeed(ctx);
  if (need) ctx.user.diagnosis.answers[need.id] = { level, at: ctx.now.toISOString(), ...(unknown ? { unknown: true as const } : {}) };
  const next = nextOpenNeed(ctx, ctx.data.index + 1);
  const anyOpen = next === -1 ? nextOpenNeed(ctx, 0) : next;
  if (anyOpen === -1) {
    ctx.user.diagnosis.completedAt = ctx.now.toISOString();
    return { say, then: { switchTo: 'results' } };
  }
  ctx.data.index = anyOpen;
  return { say, then: { goto: 'need' } };
}

/**
 * The self-assessment of the 7 needs, one at a time, in the kit's order. Every answer is saved
 * as it is given, so the user can pause (or the server restart) and resume at the same need.
 * « Je ne sais pas » is an answer of its own (the need is then one to explore), not a refusal.
 */
export const diagnosisDialog: Dialog<DiagnosisData> = {
  id: 'diagnosis',
  data: DiagnosisData,
  start: (ctx, args) => {
    const first = profileFirst(ctx, 'diagnosis', args);
    if (first) return first;
    if (args.fresh === true) ctx.user.diagnosis = { answers: {} };
    ctx.user.diagnosis.startedAt ??= ctx.now.toISOString();
    const open = nextOpenNeed(ctx, 0);
    if (open === -1) return { then: { switchTo: 'results' } };
    ctx.data.index = open;
    const answered = Object.keys(ctx.user.diagnosis.answers).length;
    const total = ctx.content.needs.length;
    return {
      say: [
        message(
          answered === 0
            ? ctx.render('diagnosis/intro', { total, scale: ctx.content.scale })
            : ctx.render('diagnosis/resume', { position: open + 1, total, answered }),
        ),
      ],
      then: { goto: 'need' },
    };
  },
  steps: {
    need: {
      prompt: (ctx) => {
        const index = ctx.data.index;
        const pending = clarifying(ctx, 'need');
        if (pending) {
          const levels = ctx.content.scale.filter((l) => pending.includes(String(l.value)));
          return [message(ctx.render('diagnosis/clarify', { levels }), { choices: choices(ctx), progress: needProgress(ctx) })];
        }
        // After a miss, the need is not printed whole again: only its title and the question.
        // After « en savoir plus », likewise: the need was just explained.
        const again = (ctx.attempts ?? 0) > 0 || ctx.data.learned === currentNeed(ctx)?.id;
        const template = again ? 'diagnosis/need-again' : 'diagnosis/need';
        return [
          message(
            ctx.render(template, {
              position: index + 1,
              total: ctx.content.needs.length,
              need: currentNeed(ctx),
              scale: ctx.content.scale,
            }),
            { choices: choices(ctx), progress: needProgress(ctx) },
          ),
        ];
      },
      handle: (ctx, input) => {
        const { commands, labels } = ctx.content.ui;
        const need = currentNeed(ctx)?.id ?? '';
        ctx.data.clarify = undefined;
        const action = pressed(input, 'diagnosis')?.action;
        if (action === 'pause' || isCommand(input, 'pause', commands.pause)) {
          const answered = Object.keys(ctx.user.diagnosis.answers).length;
          return {
            say: [message(ctx.render('diagnosis/paused', { answered, total: ctx.content.needs.length }))],
            then: { switchTo: 'menu' },
          };
        }
        if (action === 'skip') return record(ctx, null);
        const learnMore = currentNeed(ctx)?.learnMore;
        if (learnMore && pressed(input, 'learn-more')?.need === need) {
          ctx.data.learned = need;
          const items = learnMoreItems(ctx, learnMore.items);
          return { say: [message(ctx.render('diagnosis/learn-more', { label: learnMore.label, need: currentNeed(ctx), items }))], then: { goto: 'need' } };
        }
        if (input.value !== undefined) {
          // Only a button of this need's card; one of another need's card (or of the old
          // `level:<n>` form, which names no need) answers nothing: the runner says so.
          const button = pressed(input, 'level');
          if (button?.need !== need) return { then: { unrecognised: true } };
          if (button.level === 'unknown') return record(ctx, null, [], true);
          const level = ctx.content.scale.find((l) => l.value === button.level);
          return level ? record(ctx, level.value) : { then: { unrecognised: true } };
        }
        const read = readLevel(input.text, ctx.content.scale, vocabulary(ctx));
        if (read.kind === 'dont-know') return record(ctx, null, [message(ctx.render('diagnosis/noted-dont-know'))], true);
        if (read.kind === 'match') return record(ctx, read.option.value, noted(ctx, input, `${read.option.value} · ${read.option.label}`));
        if (read.kind === 'clarify') {
          ctx.data.clarify = { step: 'need', values: read.options.map((l) => String(l.value)) };
          return { then: { goto: 'need' } };
        }
        if (isCommand(input, 'skip', commands.skip)) return record(ctx, null, noted(ctx, input, labels.skip));
        return { say: [message(ctx.render('diagnosis/invalid', { scale: ctx.content.scale }))], then: { retry: true } };
      },
    },
  },
};
