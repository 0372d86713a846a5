import type { MethodStepId } from '../content/schemas.js';
import type { DialogId } from './dialog-ids.js';
import type { UserRecord } from './user-record.js';

/**
 * The user's journey: the diagnosis, then the steps of the kit's method (the 3 steps and the
 * evaluation, as the content names them: `tools.json` › `steps`, `method/step-label`).
 */
export type JourneyStepId = 'diagnosis' | MethodStepId;

export interface JourneyStep {
  id: JourneyStepId;
  /** Dialog that runs the step. */
  dialog: DialogId;
  status: 'done' | 'started' | 'todo';
}

const DIALOGS = {
  diagnosis: 'diagnosis',
  objectifs: 'method-objectives',
  modele: 'method-model',
  ecosysteme: 'method-ecosystem',
  evaluation: 'evaluation',
} as const satisfies Record<JourneyStepId, DialogId>;

/** The step of the journey a dialog runs, if it runs one (a frame of the stack names its dialog). */
export function journeyStepOf(dialog: string): JourneyStepId | undefined {
  return (Object.keys(DIALOGS) as JourneyStepId[]).find((id) => DIALOGS[id] === dialog);
}

/** Where the user stands in the whole journey: diagnosis, the 3 steps, then evaluation. */
export function journey(user: UserRecord): { steps: JourneyStep[]; next?: JourneyStep } {
  const answered = Object.keys(user.diagnosis.answers).length;
  const status: Record<JourneyStepId, JourneyStep['status']> = {
    diagnosis: user.diagnosis.completedAt ? 'done' : answered > 0 ? 'started' : 'todo',
    objectifs: user.method.objectives ? 'done' : 'todo',
    modele: user.method.model ? 'done' : 'todo',
    ecosysteme: user.method.ecosystem ? 'done' : 'todo',
    evaluation: user.method.evaluation ? 'done' : 'todo',
  };
  const steps = (Object.keys(DIALOGS) as JourneyStepId[]).map((id) => ({ id, dialog: DIALOGS[id], status: status[id] }));
  return { steps, next: steps.find((s) => s.status !== 'done') };
}
