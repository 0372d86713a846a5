import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/** What ESLint says of a file placed at `filePath` with these imports (the project's own config). */
async function lint(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

/** The layers (README « Layers »): each table row is an import that must be refused, or allowed. */
describe('layers: dependencies run one way only', () => {
  it.each([
    ['src/domain/x.ts', "import { SecureWebAdapter } from '../channels/web/secure-web-adapter.js';"],
    ['src/domain/method/x.ts', "import { UserStore } from '../../infra/storage/user-store.js';"],
    ['src/domain/x.ts', "import { Botkit } from 'botkit';"],
    ['src/domain/x.ts', "import { pino } from 'pino';"],
    ['src/domain/x.ts', "import { TurnHandler } from '../conversation/turn-handler.js';"],
    ['src/conversation/x.ts', "import { PairingService } from '../services/pairing-service.js';"],
    ['src/conversation/x.ts', "import { UserStore } from '../infra/storage/user-store.js';"],
    ['dialogs/x.ts', "import { PairingService } from '../src/services/pairing-service.js';"],
    ['src/infra/storage/x.ts', "import { TeamsChannel } from '../../channels/teams/teams-channel.js';"],
    ['src/services/x.ts', "import express from 'express';"],
    ['src/channels/web/x.ts', "import { startServer } from '../../app/start-server.js';"],
    ['src/content/x.ts', "import { rankNeeds } from '../domain/diagnosis/rank-needs.js';"],
    ['src/domain/x.ts', "import { loadContent } from '../infra/content/load-content.js';"],
  ])('refuses, in %s: %s', async (file, code) => {
    expect(await lint(file, code)).toHaveLength(1);
  });

  it.each([
    ['src/domain/x.ts', "import { fold } from '../text/fold.js';"],
    ['src/conversation/x.ts', "import { rankNeeds } from '../domain/diagnosis/rank-needs.js';"],
    ['dialogs/x.ts', "import { message } from '../src/domain/out-message.js';"],
    ['src/services/x.ts', "import { UserStore } from '../infra/storage/user-store.js';"],
    ['src/channels/web/x.ts', "import { TurnHandler } from '../../conversation/turn-handler.js';"],
    ['src/app/x.ts', "import { SecureWebAdapter } from '../channels/web/secure-web-adapter.js';"],
    // A module's unit test, beside it, builds its cases from the real content store.
    ['src/domain/x.test.ts', "import { loadContent } from '../infra/content/load-content.js';"],
  ])('allows, in %s: %s', async (file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });
});
