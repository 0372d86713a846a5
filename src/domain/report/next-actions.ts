import type { UiFile } from '../../content/schemas.js';
import { CHAT_LINK_COMMANDS, chatLinkHref, journeyStepAction } from '../chat-links.js';
import type { JourneyStep, JourneyStepId } from '../journey.js';
import type { AnalysisItem } from '../method/evaluation-analysis.js';

/**
 * One thing to do after reading the report. A step or the pairing is taken up in the chat:
 * `href` is a link into the web chat, `words` what to type in a chat without links (Teams). A
 * tool opens its own page.
 */
export type NextAction =
  | { kind: 'step'; step: JourneyStepId; status: JourneyStep['status']; started: boolean; href: string; words: string }
  /** Back to a step the evaluation's analysis points to, for the angle of that advice. */
  | { kind: 'revisit'; step: JourneyStepId; angleLabel: string; href: string; words: string }
  | { kind: 'pairing'; href: string; words: string }
  | { kind: 'tool'; title: string; url: string | null; reason: string | null };

export interface NextActionInput {
  steps: JourneyStep[];
  /** The user compared their objectives with a partner's already. */
  paired: boolean;
  /** The advice of the evaluation's analysis, in its order. */
  advice: AnalysisItem[];
  /** Tools worth opening next, best first. */
  tools: Array<{ title: string; url?: string | null; reason?: string | null }>;
  commandWords: UiFile['commands'];
}

/**
 * The next actions of a report, most useful first, at most `max`: the steps of the journey not
 * done yet (in the journey's order), the pairing once the objectives are weighed, the steps the
 * evaluation's analysis sends back to, then tools. Pure.
 */
export function nextActions(input: NextActionInput, max = 3): NextAction[] {
  const { steps, commandWords } = input;
  const started = steps.some((s) => s.status !== 'todo');
  const actions: NextAction[] = steps
    .filter((s) => s.status !== 'done')
    .map((s) => ({ kind: 'step', step: s.id, status: s.status, started, ...journeyStepAction(s.id, commandWords) }));
  const objectivesDone = steps.some((s) => s.id === 'objectifs' && s.status === 'done');
  if (objectivesDone && !input.paired) actions.push({ kind: 'pairing', href: chatLinkHref('jumelage'), words: commandWords[CHAT_LINK_COMMANDS.jumelage][0]! });
  for (const advice of input.advice) {
    if (!advice.step || actions.some((a) => (a.kind === 'step' || a.kind === 'revisit') && a.step === advice.step)) continue;
    actions.push({ kind: 'revisit', step: advice.step, angleLabel: advice.angleLabel, ...journeyStepAction(advice.step, commandWords) });
  }
  for (const tool of input.tools) actions.push({ kind: 'tool', title: tool.title, url: tool.url ?? null, reason: tool.reason ?? null });
  return actions.slice(0, max);
}
