import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import type { RunningServer, StartOptions } from '../../src/app/start-server.js';
import type { CredentialsFactory } from '../../src/channels/teams/teams-adapter.js';
import { testClock, type TestClock } from './clock.js';
import { FakeConnector } from './fake-connector.js';
import { localCredentials, registrationEnv } from './registered-server.js';
import { LogCapture, startTestServer } from './server.js';
import { TeamsUser, type TeamsUserOptions } from './teams-client.js';
import { tempDir } from './temp-dir.js';
import { fetchCookie, greet, WebChatClient, type WebVisitor } from './web-client.js';

/** How a server is started: its configuration over the test defaults (see startTestServer), its clock. */
export interface ServerSetup {
  /** Environment variables over the test defaults, e.g. `{ COOKIE_SECRET: '…' }`. */
  env?: Record<string, string>;
  /** The server's clock: a day it starts at and moves on from, or a function (default TEST_NOW). */
  now?: TestClock;
  /** Retry timing of the Thursday broadcast. */
  jeudisBackoff?: StartOptions['jeudisBackoff'];
  /** Outbound Teams credentials. */
  teamsCredentials?: CredentialsFactory;
  /** Web Push requests: the agent that trusts a local push service, the endpoints accepted. */
  webPush?: StartOptions['webPush'];
}

export interface TestServerOptions extends ServerSetup {
  /** Start no server before each test: each test starts its own with `ctx.start(setup)`. */
  lazy?: boolean;
  /** One data directory and one server for all the tests of the file (or `describe`), not one each. */
  once?: boolean;
  /** Keep the server's log (debug and above) in `ctx.logs`; otherwise it is silent. */
  logs?: boolean;
}

/** The server of the running test, and what a test does with it. */
export interface TestServer<Setup extends ServerSetup = ServerSetup> {
  /** The running server (an error when none runs: a lazy file has to `start` it). */
  readonly server: RunningServer;
  /** Its address, `http://127.0.0.1:<port>/`. */
  readonly url: string;
  /** The data directory, fresh for each test and removed after it. */
  readonly dir: string;
  /** The server's log during this test (debug and above), with `logs: true`. */
  readonly logs: LogCapture;
  /**
   * A web visitor at the first question: loads the page (identity cookie, unless one is given),
   * opens the websocket and says hello. Closed after the test.
   */
  visitor(cookie?: string): Promise<WebVisitor>;
  /** Opens the chat's websocket with this cookie (a returning visitor, another tab), closed after the test. */
  connect(cookie: string): Promise<WebChatClient>;
  /** Starts the server on the test's data directory (the file's set-up, `setup` over it): in a lazy file, or again after `stop`. */
  start(setup?: Setup): Promise<RunningServer>;
  /** Closes the server (its data directory stays until the end of the test). */
  stop(): Promise<void>;
  /**
   * Closes the server and starts it again on the same data directory (the file's set-up, `setup`
   * over it), on a new port: `fetch` keeps its connections to an origin alive, and one the old
   * server closed could be handed to the next request before the client saw it close (« other side
   * closed », once in a CI run). Read `ctx.url` again after it.
   */
  restart(setup?: Setup): Promise<RunningServer>;
}

/**
 * The real server for each test of the file (or of the `describe` it is called in): before each
 * test a fresh data directory and the server on 127.0.0.1 with the test clock; after it, even when
 * it failed, the visitors' sockets closed, the server closed and the directory removed.
 *
 *     const ctx = useTestServer({ env: { COOKIE_SECRET: SECRET } });
 *     it('…', async () => { const { client } = await ctx.visitor(); … ctx.server.store … });
 */
export function useTestServer(options: TestServerOptions = {}): TestServer {
  return serverFixture(options, (setup) => ({ env: setup.env ?? {}, teamsCredentials: setup.teamsCredentials }));
}

export interface TeamsServerSetup extends ServerSetup {
  /** A bot registration whose keys are the fake connector's (authenticated mode); else development mode. */
  registered?: boolean;
}

export interface TeamsTestServer extends TestServer<TeamsServerSetup> {
  /** The Bot Framework connector the bot sends its replies to (emptied before each test). */
  readonly connector: FakeConnector;
  /** The Teams endpoint, `/api/messages`. */
  readonly endpoint: string;
  /** A Teams user (a new Entra account unless `options` says which) posting to this server. */
  user(options?: TeamsUserOptions): TeamsUser;
}

/**
 * `useTestServer` with a fake Bot Framework connector for the file (started once, emptied before
 * each test): the Teams endpoint in development mode, or with `registered` a bot registration
 * whose tokens the connector signs.
 */
export function useTeamsServer(options: TestServerOptions & TeamsServerSetup = {}): TeamsTestServer {
  let connector: FakeConnector | undefined;
  const theConnector = () => {
    if (!connector) throw new Error('the fake connector is not started');
    return connector;
  };
  beforeAll(async () => {
    connector = await FakeConnector.start();
  });
  afterAll(() => connector?.close());
  beforeEach(() => connector?.clear());
  const ctx = serverFixture<TeamsServerSetup>(options, (setup) =>
    setup.registered
      ? { env: { ...registrationEnv(theConnector()), ...setup.env }, teamsCredentials: setup.teamsCredentials ?? localCredentials }
      : { env: setup.env ?? {}, teamsCredentials: setup.teamsCredentials },
  );
  const teams = {
    get connector() {
      return theConnector();
    },
    get endpoint() {
      return new URL('/api/messages', ctx.url).toString();
    },
    user: (userOptions: TeamsUserOptions = {}) => new TeamsUser(() => teams.endpoint, theConnector(), userOptions),
  };
  // Accessors stay accessors (Object.assign would read them now, before any test).
  return Object.defineProperties(ctx, Object.getOwnPropertyDescriptors(teams)) as TeamsTestServer;
}

function serverFixture<Setup extends ServerSetup>(
  options: TestServerOptions & Setup,
  configure: (setup: Setup) => { env: Record<string, string>; teamsCredentials?: CredentialsFactory },
): TestServer<Setup> {
  const [before, after] = options.once ? [beforeAll, afterAll] : [beforeEach, afterEach];
  let tmp: ReturnType<typeof tempDir> | undefined;
  let running: RunningServer | undefined;
  let logs: LogCapture | undefined;
  const clients: WebChatClient[] = [];

  const server = () => {
    if (!running) throw new Error('no server is running: start it with ctx.start()');
    return running;
  };
  const dir = () => {
    if (!tmp) throw new Error('no test is running');
    return tmp.dir;
  };

  const start = async (setup?: Setup): Promise<RunningServer> => {
    if (running) throw new Error('the server is already running: ctx.restart() or ctx.stop() first');
    const merged: Setup = { ...options, ...setup, env: { ...options.env, ...setup?.env } };
    const { env, teamsCredentials } = configure(merged);
    running = await startTestServer(dir(), env, {
      now: testClock(merged.now),
      logs,
      ...(merged.jeudisBackoff ? { jeudisBackoff: merged.jeudisBackoff } : {}),
      ...(merged.webPush ? { webPush: merged.webPush } : {}),
      ...(teamsCredentials ? { teamsCredentials } : {}),
    });
    return running;
  };

  const stop = async (): Promise<void> => {
    const closing = running;
    running = undefined;
    await closing?.close();
  };

  const connect = async (cookie: string): Promise<WebChatClient> => {
    const client = await WebChatClient.connect(server().url, { cookie });
    clients.push(client);
    return client;
  };

  before(async () => {
    tmp = tempDir();
    logs = options.logs ? new LogCapture() : undefined;
    if (!options.lazy) await start();
  });
  after(async () => {
    try {
      await Promise.all(clients.splice(0).map((client) => client.closeAndWait()));
      await stop();
    } finally {
      tmp?.cleanup();
      tmp = undefined;
    }
  });

  return {
    get server() {
      return server();
    },
    get url() {
      return server().url;
    },
    get dir() {
      return dir();
    },
    get logs() {
      if (!logs) throw new Error('the log is kept with useTestServer({ logs: true })');
      return logs;
    },
    async visitor(cookie) {
      const jar = cookie ?? (await fetchCookie(server().url));
      const client = await connect(jar);
      await greet(client);
      return { client, cookie: jar };
    },
    connect,
    start,
    stop,
    async restart(setup = {} as Setup) {
      server();
      await stop();
      return start(setup);
    },
  };
}
