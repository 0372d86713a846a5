import type { Storage, StoreItems } from 'botbuilder';

/**
 * A botbuilder Storage that keeps nothing. Botkit loads and saves a conversation-state entry for
 * every turn; the companion keeps its dialogs in the user's record and never reads Botkit's, so
 * keeping them would only cost time and memory (one entry per conversation, for ever).
 */
export class NullStorage implements Storage {
  read(): Promise<StoreItems> {
    return Promise.resolve({});
  }

  write(): Promise<void> {
    return Promise.resolve();
  }

  delete(): Promise<void> {
    return Promise.resolve();
  }
}
