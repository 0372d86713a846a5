import type { RecordUpdate } from '../../conversation/turn-handler.js';
import type { JeudisPrompt } from '../../domain/jeudis/compose-prompt.js';
import type { UserRecord } from '../../domain/user-record.js';
import type { SendResult } from './send-result.js';

/**
 * Delivers a prompt on one channel. `commit` is the change to the user's record that says the
 * prompt was delivered; the sender saves it with the delivery.
 */
export interface PromptSender {
  send(user: UserRecord, prompt: JeudisPrompt, commit: RecordUpdate): Promise<SendResult>;
}
