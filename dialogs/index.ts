import type { Dialog } from '../src/conversation/dialog-types.js';
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
import { parcoursDialog } from './parcours.js';
import { menuDialog } from './menu.js';
import { profileDialog } from './profile.js';
import { reportDialog } from './report.js';
import { resultsDialog } from './results.js';
import { welcomeDialog } from './welcome.js';

export { anytimeCommands } from './anytime-commands.js';
export { conversationHooks } from './conversation-hooks.js';

export const dialogs: Dialog[] = [
  welcomeDialog,
  profileDialog,
  menuDialog,
  diagnosisDialog,
  resultsDialog,
  reportDialog,
  confirmRestartDialog,
  parcoursDialog,
  methodObjectivesDialog,
  methodModelDialog,
  methodEcosystemDialog,
  evaluationDialog,
  pairingDialog,
  questionDialog,
  jeudisDialog,
  eraseDataDialog,
];
