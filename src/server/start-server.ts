import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TurnContext } from 'botbuilder';
import { Botkit, type BotWorker, type BotkitMessage } from 'botkit';
import express from 'express';
import type { Logger } from 'pino';
import { createTurnHandler } from '../bot/create-turn-handler.js';
import type { Inbound } from '../bot/turn-handler.js';
import { loadIdentitySecret, WebIdentity } from '../channels/web/identity.js';
import { renderWeb } from '../channels/web/render-web.js';
import { SecureWebAdapter } from '../channels/web/secure-web-adapter.js';
import { mountWebRoutes } from '../channels/web/web-routes.js';
import type { Config } from '../config/config-schema.js';
import { loadContent } from '../content/load-content.js';
import { createTemplateRenderer } from '../messages/render-template.js';
import { PairingService } from '../method/pairing-service.js';
import { ReportLinks } from '../report/report-links.js';
import { mountReportRoutes } from '../report/report-routes.js';
import { UserStore } from '../storage/user-store.js';

export const WS_PATH = '/ws';

export interface RunningServer {
  url: string;
  port: number;
  store: UserStore;
  /** Finishes the turns under way, flushes storage and closes sockets and the port. */
  close(): Promise<void>;
}

/** One process, one port: the web chat page, its websocket, and (later) the Teams endpoint. */
export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const content = loadContent(config.CONTENT_DIR);
  const render = createTemplateRenderer(config.CONTENT_DIR);
  const store = await UserStore.open(config.DATA_DIR, {
    flushDelayMs: config.STORAGE_FLUSH_MS,
    onFlushError: (err) => logger.error({ err }, 'storage flush failed'),
  });
  const secret = loadIdentitySecret(config.COOKIE_SECRET, config.DATA_DIR);
  const identity = new WebIdentity(secret);
  const reportLinks = new ReportLinks(secret, config.REPORT_LINK_DAYS * 24 * 3600 * 1000);
  // Known once the port is bound (PORT=0 in tests picks a free one).
  let publicUrl = config.PUBLIC_URL?.replace(/\/$/, '') ?? '';
  const turns = createTurnHandler({
    content,
    render,
    store,
    logger,
    maxTextLength: config.MAX_TEXT_LENGTH,
    reportUrl: (userId, now) => `${publicUrl}/bilan/${reportLinks.issue(userId, now)}`,
  });

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
  mountWebRoutes(app, { identity, contentDir: config.CONTENT_DIR, secureCookie: config.COOKIE_SECURE, wsPath: WS_PATH });
  mountReportRoutes(app, { content, render, store, links: reportLinks, pairing: new PairingService(store), logger });
  const http: Server = createServer(app);

  const webAdapter = new SecureWebAdapter({
    identity,
    logger,
    path: WS_PATH,
    maxFrameBytes: config.MAX_FRAME_BYTES,
    malformedReply: () => render('errors/malformed-frame'),
  });
  const controller = new Botkit({ adapter: webAdapter, webserver: app, disable_console: true });
  webAdapter.createSocketServer(http, {}, controller.handleTurn.bind(controller));

  controller.on(['message', 'hello', 'welcome_back'], async (bot: BotWorker, msg: BotkitMessage) => {
    const inbound: Inbound =
      msg.type === 'message'
        ? { kind: 'message', text: typeof msg.text === 'string' ? msg.text : '', value: typeof msg.value === 'string' ? msg.value : undefined }
        : { kind: 'connect' };
    const replies = await turns.handle(msg.user, 'web', inbound);
    // One call for the whole turn: the adapter sends the frames in order, without Botkit's
    // per-message send pipeline (we use no send middleware).
    const context: TurnContext = bot.getConfig('context');
    await context.sendActivities(replies.map(renderWeb));
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const url = `http://${host}:${port}/`;
  if (!publicUrl) publicUrl = `http://${host}:${port}`;

  return {
    url,
    port,
    store,
    close: async () => {
      await webAdapter.close();
      await turns.idle();
      await store.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
