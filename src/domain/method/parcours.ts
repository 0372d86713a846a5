import type { UserRecord } from '../user-record.js';

export type JourneyStepId = 'diagnosis' | 'objectifs' | 'modele' | 'ecosysteme' | 'evaluation';

export interface JourneyStep {
  id: JourneyStepId;
  /** Dialog that runs the step. */
  dialog: string;
  status: 'done' | 'started' | 'todo';
}

const DIALOGS: Record<JourneyStepId, string> = {
  diagnosis: 'diagnosis',
  objectifs: 'method-objectives',
  modele: 'method-model',
  ecosysteme: 'method-ecosystem',
  evaluation: 'evaluation',
};

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
