import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TurnContext } from 'botbuilder';
import { Botkit, type BotWorker, type BotkitMessage } from 'botkit';
import express from 'express';
import type { Logger } from 'pino';
import { createTurnHandler } from './create-turn-handler.js';
import { WebIdentity } from '../channels/web/identity.js';
import { deriveSigningKeys, loadSecret } from '../channels/web/signing-keys.js';
import { FloodGuard } from '../channels/flood-guard.js';
import { mountErrorPages, sendErrorPage } from '../channels/pages/error-pages.js';
import { openPostgres } from '../infra/storage/postgres/open-postgres-store.js';
import type { LiveRelay } from '../infra/storage/postgres/live-relay.js';
import { requestLimit } from '../channels/pages/request-limit.js';
import { webFrame } from '../channels/web/render-web.js';
import { WebChannel } from '../channels/web/web-channel.js';
import { NullStorage } from '../channels/null-storage.js';
import { SecureWebAdapter } from '../channels/web/secure-web-adapter.js';
import { mountWebRoutes } from '../channels/web/web-routes.js';
import { TeamsAdapter, type CredentialsFactory } from '../channels/teams/teams-adapter.js';
import { TeamsChannel } from '../channels/teams/teams-channel.js';
import { teamsRenderLabels } from '../channels/teams/render-teams.js';
import { mountTeamsEndpoint, TEAMS_ENDPOINT, teamsEndpointMode } from '../channels/teams/teams-endpoint.js';
import { teamsRecordId } from '../channels/teams/read-teams-activity.js';
import { SsoVerifier } from '../channels/teams/tab/sso-verifier.js';
import { mountTabRoutes } from '../channels/teams/tab/tab-routes.js';
import { tabDeepLink } from '../channels/teams/tab-deep-link.js';
import { ssoAppIdUri } from '../channels/teams/sso-app-id-uri.js';
import type { Config } from '../infra/config/config-schema.js';
import { loadContent } from '../infra/content/load-content.js';
import { createTemplateRenderer } from '../infra/templates/render-template.js';
import { createPageRenderer } from '../infra/templates/render-page.js';
import { PairingService } from '../services/pairing-service.js';
import { SignedLinks } from '../services/signed-links.js';
import { mountReportRoutes } from '../channels/pages/report-routes.js';
import { UserStore } from '../infra/storage/user-store.js';
import { DataLock } from '../infra/storage/data-lock.js';
import { DeliveryJournal, type DeliveryLedger } from '../infra/storage/delivery-journal.js';
import { mountPrivacyRoutes } from '../channels/pages/privacy-routes.js';
import { calendarFeedUrl, mountCalendarRoutes } from '../channels/pages/calendar-routes.js';
import { mountPushRoutes } from '../channels/web/push-routes.js';
import { isPushServiceEndpoint, loadVapidKeys, WebPushNotifier } from '../channels/web/web-push.js';
import { FeedLinks } from '../services/signed-links.js';
import { chatAddress } from '../domain/chat-address.js';
import type { Agent as HttpsAgent } from 'node:https';
import { Records } from '../services/records.js';
import { purgeInactive } from '../services/privacy/retention.js';
import { JeudisScheduler } from '../services/jeudis/jeudis-scheduler.js';
import { shownLive, TeamsPromptSender, WebPromptSender } from '../channels/prompt-senders.js';
import { RateLimiter } from '../services/jeudis/rate-limiter.js';
import type { Clock } from '../domain/clock.js';
import { realTimer } from './real-clock.js';
import { ResumeService } from '../services/resume-service.js';
import { IdentityHandovers } from '../channels/web/identity-handovers.js';
import { mountResumeRoutes, RESUME_PATH } from '../channels/web/resume-routes.js';
import { message, type OutMessage } from '../domain/out-message.js';

export const WS_PATH = '/ws';

export interface RunningServer {
  url: string;
  port: number;
  store: UserStore;
  jeudis: JeudisScheduler;
  /** Finishes the turns under way, flushes storage and closes sockets and the port. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Credentials for the bot's calls to Teams; tests replace Entra's with local ones. */
  teamsCredentials?: CredentialsFactory;
  /** Retry timing of the Thursday broadcast (tests shorten it). */
  jeudisBackoff?: { baseMs: number; maxMs: number };
  /** The one clock of turns, links, cookies, flood limits, retention and the Thursday scheduler (realClock, or a test's day). */
  now: Clock;
  /**
   * Web Push requests (tests): the HTTPS agent (trusting a local push service's certificate), and
   * which subscription endpoints are accepted (default: the browsers' push services only).
   */
  webPush?: { agent?: HttpsAgent; endpointAllowed?: (endpoint: URL) => boolean };
}

/** One process, one port: the web chat page, its websocket, and the Teams endpoint. */
export async function startServer(config: Config, logger: Logger, options: StartOptions): Promise<RunningServer> {
  const content = loadContent(config.CONTENT_DIR);
  const render = createTemplateRenderer(config.CONTENT_DIR);
  const renderPage = createPageRenderer(config.CONTENT_DIR, content.glossary.acronyms);
  mkdirSync(config.DATA_DIR, { recursive: true });
  const lock = DataLock.acquire(config.DATA_DIR);
  let store: UserStore;
  /** With PostgreSQL, whether this server runs the Thursday broadcast (see PostgresStore.leads). */
  let leads: (() => Promise<boolean>) | undefined;
  /** With PostgreSQL, the user's pages open on the other servers (see LiveRelay). */
  let live: LiveRelay | undefined;
  /** With PostgreSQL, the Thursday deliveries in the shared database (the data directory's journal otherwise). */
  let sharedDeliveries: ((now: Date) => Promise<DeliveryLedger>) | undefined;
  try {
    const database = config.DATABASE_URL
      ? await openPostgres({
          url: config.DATABASE_URL,
          poolSize: config.DATABASE_POOL_SIZE,
          statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
          cacheSize: config.USER_CACHE_SIZE,
          now: options.now,
          // A conflict with another server is expected and retried (Records.update): not an error.
          onWriteError: (err) =>
            err instanceof Error && err.name === 'WriteConflictError'
              ? logger.debug({ err }, 'storage: another server wrote first (the turn is decided again)')
              : logger.error({ err }, 'storage: PostgreSQL refused a write (undone in memory)'),
          onConnectionError: (err) => logger.error({ err }, 'storage: a PostgreSQL connection was lost'),
        })
      : undefined;
    leads = database?.leads;
    live = database?.live;
    sharedDeliveries = database?.deliveries;
    store = database
      ? database.store
      : await UserStore.open(config.DATA_DIR, {
          flushDelayMs: config.STORAGE_FLUSH_MS,
          cacheSize: config.USER_CACHE_SIZE,
          now: options.now,
          onFlushError: (err) => logger.error({ err }, 'storage flush failed'),
          recovery: config.DATA_RECOVERY,
          onRecovery: (event) => logger.warn(event, 'data file unreadable: started as DATA_RECOVERY says; the damaged file is kept aside'),
        });
    logger.info({ backend: config.DATABASE_URL ? 'postgresql' : 'data directory' }, 'storage opened');
    if (store.replayed > 0) logger.info({ changes: store.replayed }, 'storage: changes since the last snapshot replayed from the write-ahead log');
  } catch (err) {
    lock.release();
    throw err;
  }
  const secret = loadSecret(config.COOKIE_SECRET, config.DATA_DIR);
  const keys = deriveSigningKeys(secret);
  const identity = new WebIdentity({ key: keys['identity-cookie'], maxAgeDays: config.COOKIE_DAYS, legacySecret: secret });
  const reportLinks = new SignedLinks(keys['report-link'], config.REPORT_LINK_DAYS * 24 * 3600 * 1000);
  const exportLinks = new SignedLinks(keys['export-link'], 3600 * 1000, 'export');
  const feedLinks = new FeedLinks(keys['calendar-feed']);
  // Web Push: a VAPID key pair generated once into DATA_DIR; off, the page offers no notifications.
  const webPush = config.WEB_PUSH === 'on' ? new WebPushNotifier({ keys: loadVapidKeys(config.DATA_DIR), subject: webPushSubject(config), logger, agent: options.webPush?.agent }) : undefined;
  // An erased user's cookie and links open nothing, and their id is never given a record again.
  const isRetired = (userId: string) => store.wasErased(userId);
  const trustProxy = config.TRUST_PROXY;
  const journal: DeliveryLedger = sharedDeliveries ? await sharedDeliveries(options.now()) : DeliveryJournal.open(config.DATA_DIR, options.now());
  const teamsAppId = config.TEAMS_APP_ID ?? config.MicrosoftAppId;
  const reportOpensTab = (userId: string) => teamsAppId !== undefined && userId.startsWith('msteams:');
  // Known once the port is bound (PORT=0 in tests picks a free one).
  let publicUrl = config.PUBLIC_URL?.replace(/\/$/, '') ?? '';
  // The one write path: turns, the Thursday prompts, Teams install and removal, retention.
  const records = new Records(store, journal);
  // Resume codes: a browser whose chat took one moves onto that conversation when its page
  // fetches `/` again (its session ends right after the turn); the old device keeps working and
  // is told.
  const handovers = new IdentityHandovers();
  const resumeUsed = (userId: string) => webAdapter.push(userId, [webFrame(message(render('resume/used-elsewhere')))]);
  const resume = new ResumeService({
    store,
    records,
    key: keys['resume-link'],
    url: (token) => `${publicUrl}${RESUME_PATH}/${token}`,
    offers: (user) => user.channel === 'web' && user.id.startsWith('web-'),
    onRedeemed: (deviceUserId, userId) => {
      logger.info('resume code used: a browser joins a conversation');
      handovers.add(deviceUserId, userId, options.now().getTime());
      webAdapter.endSession(deviceUserId);
      resumeUsed(userId);
    },
  });
  /** The conversation of an identity a browser left for another: erased (no one holds its cookie any more), its pages renewed. */
  const retireIdentity = async (userId: string) => {
    const erased = await records.update(userId, (tx) => {
      if (tx.stored) tx.erase(options.now());
      return tx.stored !== undefined;
    });
    if (erased) logger.info('web identity left for a resume code: its own conversation erased');
  };
  const turns = createTurnHandler({
    content,
    render,
    store,
    records,
    logger,
    maxTextLength: config.MAX_TEXT_LENGTH,
    now: options.now,
    // In Teams, « mon bilan » opens the personal tab; elsewhere a signed link to the report page.
    reportUrl: (userId, now) =>
      reportOpensTab(userId) ? tabDeepLink(teamsAppId!, content.teamsApp.tab.entityId) : `${publicUrl}/bilan/${reportLinks.issue(userId, now)}`,
    reportOpensTab,
    dataExportUrl: (userId, now) => `${publicUrl}/mes-donnees/${exportLinks.issue(userId, now)}`,
    // The pages of an erased web identity get a new one once the confirmation is sent.
    afterErase: (userId) => {
      if (userId.startsWith('web-')) webAdapter.endSession(userId);
    },
    // Web: an inbox shown at the next visit. Teams and the Emulator: only in a personal chat the bot knows.
    canWriteFirst: (user) => user.channel === 'web' || user.teams !== undefined,
    // Web: the Thursday prompts also reach a calendar, and the browsers where notifications are on.
    calendarUrl: (user) => (user.channel === 'web' ? calendarFeedUrl(feedLinks, publicUrl, user) : undefined),
    webPush: webPush !== undefined,
    chatUrl: (query) => chatAddress(publicUrl, query),
    resume,
    // The web chat shows the conversation again when a page is loaded; Teams keeps its own chat.
    keepsHistory: (channel) => channel === 'web',
  });

  const app = express();
  app.disable('x-powered-by');
  // Requests per address before any route: the Teams endpoint (Azure's few addresses carry every
  // tenant's traffic) has ten times the budget of the pages.
  const httpBudget = { burst: config.HTTP_REQUESTS_PER_SECOND * 10, perSecond: config.HTTP_REQUESTS_PER_SECOND };
  const upgrades = new FloodGuard(httpBudget);
  app.use(
    TEAMS_ENDPOINT,
    requestLimit({ guard: new FloodGuard({ burst: httpBudget.burst * 10, perSecond: httpBudget.perSecond * 10 }), trustProxy, logger, now: options.now, refuse: (res) => void res.json({ error: 'too many requests' }) }),
  );
  app.use(requestLimit({ guard: upgrades, trustProxy, logger, now: options.now, refuse: (res) => sendErrorPage(res, renderPage, 429) }));
  // Liveness: the process answers. Readiness: it takes conversations (not starting, not stopping).
  let ready = false;
  app.get('/healthz', (_req, res) => res.json({ status: 'ok' }));
  app.get('/readyz', (_req, res) => {
    if (!ready) {
      res.status(503).json({ status: 'not ready' });
      return;
    }
    // With PostgreSQL, ready means the database answers too (a load balancer then sends elsewhere).
    store.check().then(
      () => res.json({ status: 'ready' }),
      (err: unknown) => {
        logger.warn({ err }, 'readyz: the storage cannot be reached');
        res.status(503).json({ status: 'storage unreachable' });
      },
    );
  });
  // New identities per address: a page without a cookie, or a resume link used, gives one.
  const newIdentities = new FloodGuard({ burst: config.NEW_VISITORS_BURST, perSecond: config.NEW_VISITORS_PER_MINUTE / 60 });
  mountWebRoutes(app, {
    identity,
    renderPage,
    secureCookie: config.COOKIE_SECURE ?? config.PUBLIC_URL?.startsWith('https:') ?? false,
    wsPath: WS_PATH,
    commandWords: content.ui.commands,
    privacy: {
      controller: config.PRIVACY_CONTROLLER,
      contact: config.PRIVACY_CONTACT,
      retentionDays: config.RETENTION_DAYS,
      cookieDays: config.COOKIE_DAYS,
      reportLinkDays: config.REPORT_LINK_DAYS,
    },
    newIdentities,
    trustProxy,
    isRetired,
    handover: async (deviceUserId) => {
      const userId = handovers.take(deviceUserId, options.now().getTime());
      if (userId === undefined || store.wasErased(userId)) return undefined;
      await retireIdentity(deviceUserId);
      return userId;
    },
    logger,
    now: options.now,
  });
  mountResumeRoutes(app, {
    links: resume,
    identity,
    renderPage,
    secureCookie: config.COOKIE_SECURE ?? config.PUBLIC_URL?.startsWith('https:') ?? false,
    newIdentities,
    trustProxy,
    isRetired,
    isStored: async (userId) => (await store.read(userId)) !== undefined,
    retire: async (userId) => {
      await retireIdentity(userId);
      webAdapter.endSessionNow(userId);
    },
    onUsed: resumeUsed,
    logger,
    now: options.now,
  });
  const pairing = new PairingService(store);
  mountReportRoutes(app, { content, render, renderPage, store, links: reportLinks, pairing, logger, now: options.now });
  mountPrivacyRoutes(app, { content, renderPage, store, journal, links: exportLinks, logger, now: options.now });
  mountCalendarRoutes(app, { content, render, store, links: feedLinks, chatUrl: () => chatAddress(publicUrl), logger, now: options.now });
  mountPushRoutes(app, {
    identity,
    records,
    publicKey: webPush?.publicKey,
    endpointAllowed: options.webPush?.endpointAllowed ?? isPushServiceEndpoint,
    isRetired,
    render,
    logger,
    now: options.now,
  });
  mountTabRoutes(app, {
    content,
    render,
    renderPage,
    store,
    pairing,
    logger,
    now: options.now,
    userIdOf: (tenantId, objectId) => teamsRecordId(tenantId, objectId),
    sso: config.MicrosoftAppId
      ? new SsoVerifier({
          jwksUrl: config.TEAMS_SSO_JWKS_URL,
          audiences: [ssoAppIdUri(config), config.MicrosoftAppId],
          tenantId: config.MicrosoftAppType === 'SingleTenant' ? config.MicrosoftAppTenantId : undefined,
        })
      : undefined,
  });
  const http: Server = createServer(app);

  const webAdapter = new SecureWebAdapter({
    identity,
    logger,
    path: WS_PATH,
    maxFrameBytes: config.MAX_FRAME_BYTES,
    replies: { malformed: () => render('errors/malformed-frame'), flood: () => render('errors/flood'), replaced: () => render('errors/tab-replaced') },
    flood: { burst: config.FLOOD_BURST, perSecond: config.FLOOD_PER_SECOND },
    addressFlood: { burst: config.ADDRESS_FRAMES_PER_SECOND * 10, perSecond: config.ADDRESS_FRAMES_PER_SECOND },
    upgrades,
    caps: { total: config.MAX_SOCKETS, perAddress: config.MAX_SOCKETS_PER_ADDRESS, perUser: config.MAX_SOCKETS_PER_USER },
    trustProxy,
    isRetired,
    now: options.now,
  });
  const teamsAdapter = new TeamsAdapter({
    appId: config.MicrosoftAppId,
    appPassword: config.MicrosoftAppPassword,
    tenantId: config.MicrosoftAppType === 'SingleTenant' ? config.MicrosoftAppTenantId : undefined,
    openIdMetadataUrl: config.BOT_OPENID_METADATA_URL,
    credentials: options.teamsCredentials,
  });
  const teams = new TeamsChannel({
    turns,
    records,
    content,
    render,
    logger,
    now: options.now,
    sendPersonal: (reference, activities) => teamsAdapter.sendProactive(reference, activities),
    introductions: { first: (conversationId, now) => store.firstIntroduction(conversationId, now) },
  });
  // One controller, two channels: Teams through its default adapter, the web chat through ours.
  // Botkit's own conversation state is never read (dialogs live in the user's record): it gets a
  // storage that keeps nothing, instead of one entry per conversation for nothing.
  const controller = new Botkit({ adapter: teamsAdapter, storage: new NullStorage(), disable_webserver: true, disable_console: true });
  const handleTurn = controller.handleTurn.bind(controller);
  mountTeamsEndpoint(app, {
    adapter: teamsAdapter,
    now: options.now,
    logic: handleTurn,
    logger,
    tenantId: config.MicrosoftAppType === 'SingleTenant' ? config.MicrosoftAppTenantId : undefined,
    devMode: config.TEAMS_DEV_MODE,
    flood: { burst: config.FLOOD_BURST, perSecond: config.FLOOD_PER_SECOND },
  });
  webAdapter.createSocketServer(http, {}, handleTurn);

  const teamsSender = new TeamsPromptSender(teamsAdapter, records, teamsRenderLabels(content), options.now);
  // A prompt for a page open on another server (several servers on one database) goes there.
  const pushLive = (userId: string, messages: OutMessage[], key: string) => {
    const here = webAdapter.push(userId, messages.map((m) => webFrame(m)));
    if (!here) void live?.publish({ userId, key, messages });
    return here;
  };
  live?.subscribe(({ kind, userId, key, messages, last, at }) => {
    if (kind === 'turn') {
      // A turn the user had on another server: its replies, for the pages that were open here then.
      webAdapter.push(
        userId,
        messages.map((m, i) => webFrame(m, { last: last && i === messages.length - 1 })),
        at,
      );
      return;
    }
    if (!webAdapter.push(userId, messages.map((m) => webFrame(m)))) return;
    // The prompt's server saved it in the inbox before telling: read the user again, then take it out.
    store
      .refresh([userId], false)
      .then(() => shownLive(records, userId, key, messages, options.now().toISOString()))
      .catch((err: unknown) => logger.error({ err, userId }, 'jeudis prompt shown live here, not noted'));
  });
  const webSender = new WebPromptSender(records, store, { push: pushLive }, logger, options.now, webPush);
  const teamsLimiter = new RateLimiter(config.JEUDIS_TEAMS_RATE, realTimer);
  const webLimiter = new RateLimiter(0, realTimer);
  const jeudis = new JeudisScheduler({
    now: options.now,
    store,
    ...(leads ? { leads } : {}),
    content,
    render,
    journal,
    records,
    logger,
    timer: realTimer,
    concurrency: config.JEUDIS_CONCURRENCY,
    attemptsPerTick: 4,
    claimsPerDay: 5,
    backoff: options.jeudisBackoff ?? { baseMs: 1000, maxMs: 30_000 },
    route: (user) => {
      if (user.channel === 'web') return { sender: webSender, limiter: webLimiter };
      // Teams and the Emulator; without a stored conversation the sender refuses for good.
      if (user.channel === 'msteams' || user.channel === 'emulator') return { sender: teamsSender, limiter: teamsLimiter };
      return undefined;
    },
  });

  // Each channel reads its own activities and renders its own replies; this only routes.
  const web = new WebChannel({
    turns,
    logger,
    // Wall-clock time, compared with the other servers' (see SecureWebAdapter.push).
    ...(live ? { elsewhere: (userId: string, replies: OutMessage[]) => void live.publish({ kind: 'turn', userId, key: '', messages: replies, at: Date.now() }) } : {}),
  });
  const onActivity = async (bot: BotWorker) => {
    const context: TurnContext = bot.getConfig('context');
    await (context.adapter === teamsAdapter ? teams : web).handle(context);
  };
  // Botkit rethrows a handler's error where nothing awaits it (an unhandled rejection stops
  // Node): every turn is caught here, logged with its context, and the process keeps serving.
  controller.on(['message', 'hello', 'welcome_back', 'conversationUpdate', 'installationUpdate'], async (bot: BotWorker, msg: BotkitMessage) => {
    try {
      await onActivity(bot);
    } catch (err) {
      logger.error({ err, type: msg.type, channel: msg.channel }, 'turn failed at the channel');
    }
  });
  mountErrorPages(app, { renderPage, logger });
  // Every connection is a file descriptor: beyond the open websockets' cap and some room for
  // pages, new connections are dropped rather than exhausting the process's descriptors.
  http.maxConnections = config.MAX_SOCKETS + 200;
  http.headersTimeout = 20_000;
  http.requestTimeout = 60_000;

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.PORT, config.HOST, () => resolve());
  });
  const { port } = http.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const url = `http://${host}:${port}/`;
  if (!publicUrl) publicUrl = `http://${host}:${port}`;
  const teamsMode = teamsEndpointMode(!teamsAdapter.developmentMode, config.TEAMS_DEV_MODE);
  if (teamsMode === 'development') {
    logger.warn(
      { endpoint: `${publicUrl}${TEAMS_ENDPOINT}`, teamsMode },
      'teams: local development mode (TEAMS_DEV_MODE=true, no MicrosoftAppId): requests are not authenticated and accepted from this machine only (Bot Framework Emulator, Agents Playground)',
    );
  } else if (teamsMode === 'disabled') {
    logger.warn(
      { endpoint: `${publicUrl}${TEAMS_ENDPOINT}`, teamsMode },
      'teams: endpoint disabled (no MicrosoftAppId, TEAMS_DEV_MODE not true): /api/messages answers 503',
    );
  } else {
    if (config.TEAMS_DEV_MODE) logger.warn('teams: TEAMS_DEV_MODE ignored, MicrosoftAppId is set');
    logger.info({ endpoint: `${publicUrl}${TEAMS_ENDPOINT}`, appType: config.MicrosoftAppType, teamsMode }, 'teams: requests authenticated (a Bot Framework token is required)');
  }

  if (!config.PRIVACY_CONTROLLER || !config.PRIVACY_CONTACT) {
    logger.warn(
      { missing: [!config.PRIVACY_CONTROLLER && 'PRIVACY_CONTROLLER', !config.PRIVACY_CONTACT && 'PRIVACY_CONTACT'].filter(Boolean) },
      'privacy: the data controller or its contact is not set; /confidentialite says so to users until the operator sets them',
    );
  }
  const now = options.now;
  let closing = false;
  const purge = () => purgeInactive(store, records, config.RETENTION_DAYS, now(), logger, () => closing).catch((err: unknown) => void logger.error({ err }, 'retention failed'));
  // The first pass reads every stored user (one file each in the data directory): it runs once
  // the server is ready, not before, so that start-up does not grow with the users stored.
  ready = true;
  const firstPurge = purge();
  if (config.JEUDIS_SCHEDULER === 'on') jeudis.start();
  const retention = setInterval(() => void purge(), 24 * 3600 * 1000);
  retention.unref();

  return {
    url,
    port,
    store,
    jeudis,
    close: async () => {
      ready = false;
      closing = true;
      clearInterval(retention);
      await firstPurge;
      // No new connection; the turns under way finish and reply before the sockets close.
      http.close();
      await jeudis.stop();
      await turns.idle();
      await webAdapter.close();
      await turns.idle();
      // The deliveries' last outcomes first: with PostgreSQL they use the store's connections.
      await journal.close();
      await store.close();
      lock.release();
      http.closeAllConnections();
    },
  };
}


/** The VAPID contact: WEB_PUSH_SUBJECT, else the privacy contact's e-mail, else an https PUBLIC_URL, else a placeholder the push services accept. */
function webPushSubject(config: Config): string {
  if (config.WEB_PUSH_SUBJECT) return config.WEB_PUSH_SUBJECT;
  const email = config.PRIVACY_CONTACT?.match(/[^\s<>()@]+@[^\s<>()@]+\.[^\s<>()@]+/)?.[0];
  if (email) return `mailto:${email}`;
  if (config.PUBLIC_URL?.startsWith('https:')) return config.PUBLIC_URL;
  return 'mailto:exploitant@compagnon-odd17.invalid';
}
