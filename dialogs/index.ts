import type { Dialog } from '../src/conversation/dialog-types.js';
import type { DialogId } from '../src/domain/dialog-ids.js';
import { confirmRestartDialog } from './confirm-restart.js';
import { diagnosisDialog } from './diagnosis.js';
import { eraseDataDialog } from './erase-data.js';
import { evaluationDialog } from './evaluation.js';
import { jeudisDialog } from './jeudis.js';
import { methodEcosystemDialog } from './method-ecosystem.js';
import { methodModelDialog } from './method-model.js';
import { methodObjectivesDialog } from './method-objectives.js';
import { pairingDialog } from './pairing.js';
import { questionDialog } from './question.js';
import { journeyDialog } from './journey.js';
import { menuDialog } from './menu.js';
import { profileDialog } from './profile.js';
import { reportDialog } from './report.js';
import { resultsDialog } from './results.js';
import { welcomeDialog } from './welcome.js';
import { resumeDialog } from './resume.js';

export { anytimeCommands } from './anytime-commands.js';
export { conversationHooks } from './conversation-hooks.js';

/**
 * Every dialog under its id: exactly the ids of `DialogId`, or this does not compile (a test
 * checks that each dialog is filed under its own id).
 */
export const dialogRegistry = {
  welcome: welcomeDialog,
  profile: profileDialog,
  menu: menuDialog,
  diagnosis: diagnosisDialog,
  results: resultsDialog,
  report: reportDialog,
  'confirm-restart': confirmRestartDialog,
  journey: journeyDialog,
  'method-objectives': methodObjectivesDialog,
  'method-model': methodModelDialog,
  'method-ecosystem': methodEcosystemDialog,
  evaluation: evaluationDialog,
  pairing: pairingDialog,
  question: questionDialog,
  jeudis: jeudisDialog,
  'erase-data': eraseDataDialog,
  resume: resumeDialog,
} satisfies Record<DialogId, Dialog>;

export const dialogs: Dialog[] = Object.values(dialogRegistry);
