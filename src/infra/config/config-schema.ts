import { z } from 'zod';

/*
 * Every number has its range, and every message about it names the range: an operator who
 * typed 100000 learns what to type instead. (A bare `.max(n)` would not do: zod 4 gives a check
 * without its own message the schema's « doit être un nombre ».)
 */

/** A whole number in a range. */
const count = (min: number, max: number) =>
  z.coerce
    .number({ error: `doit être un nombre entier compris entre ${min} et ${max}` })
    .int(`doit être un entier compris entre ${min} et ${max}`)
    .min(min, `doit être compris entre ${min} et ${max}`)
    .max(max, `doit être compris entre ${min} et ${max}`);

/** A number in a range, decimals allowed (a rate per second); bounds written as they are typed (0.1). */
const rate = (min: number, max: number) =>
  z.coerce
    .number({ error: `doit être un nombre compris entre ${min} et ${max}` })
    .min(min, `doit être compris entre ${min} et ${max}`)
    .max(max, `doit être compris entre ${min} et ${max}`);

const guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'doit être un identifiant GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)');

/** Environment variables the server and the command-line tools read; every one has a default so `npm start` needs none. */
const ConfigFields = z.object({
  PORT: count(0, 65535).default(3978),
  HOST: z.string().min(1, 'ne doit pas être vide').default('0.0.0.0'),
  DATA_DIR: z.string().min(1, 'ne doit pas être vide').default('./data'),
  CONTENT_DIR: z.string().min(1, 'ne doit pas être vide').default('./content'),
  /** Secret that signs the web chat identity cookie; generated and kept in DATA_DIR when absent. */
  COOKIE_SECRET: z.string().min(32, 'doit faire au moins 32 caractères').optional(),
  /** Mark the identity cookie `Secure`; by default it is when PUBLIC_URL is https. */
  COOKIE_SECURE: z
    .enum(['true', 'false'], { error: 'doit valoir true ou false' })
    .transform((v) => v === 'true')
    .optional(),
  /** Days an identity cookie lives without a visit (each visit renews it); 395 days is the CNIL's 13 months. */
  COOKIE_DAYS: count(1, 3650).default(395),
  /** Reverse proxies in front of the server whose X-Forwarded-For is believed (0: clients connect directly). */
  TRUST_PROXY: count(0, 10).default(0),
  /** Public address of the server, used in the links the bot gives (report page); defaults to http://localhost:PORT. */
  PUBLIC_URL: z.url({ error: 'doit être une adresse http(s) complète' }).optional(),
  /** How long a report link stays valid, in days. */
  REPORT_LINK_DAYS: count(1, 365).default(30),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'doit être fatal, error, warn, info, debug, trace ou silent',
    })
    .default('info'),
  /** Longest user text accepted, in characters. */
  MAX_TEXT_LENGTH: count(10, 100_000).default(2000),
  /** Largest websocket frame accepted, in bytes; larger frames close the socket. */
  MAX_FRAME_BYTES: count(1024, 1_048_576).default(16_384),
  /** Delay before buffered storage writes are flushed to disk, in milliseconds. */
  STORAGE_FLUSH_MS: count(0, 10_000).default(100),
  /** Users' records held in memory at most (the most recently used); the others are read from storage when needed. */
  USER_CACHE_SIZE: count(10, 1_000_000).default(2_000),
  /** Messages one user may send in a burst, then per second (a flood gets one polite answer, the rest are dropped). */
  FLOOD_BURST: count(1, 1000).default(30),
  FLOOD_PER_SECOND: rate(0.1, 100).default(2),
  /** Websocket frames per second from one client address, all its identities together (burst: 10 seconds' worth). */
  ADDRESS_FRAMES_PER_SECOND: count(1, 100_000).default(50),
  /** HTTP requests per second from one client address (burst: 10 seconds' worth; the Teams endpoint has 10 times more). */
  HTTP_REQUESTS_PER_SECOND: count(1, 100_000).default(20),
  /** New web identities (possible new users) one client address may get at once, then per minute. */
  NEW_VISITORS_BURST: count(1, 100_000).default(100),
  NEW_VISITORS_PER_MINUTE: count(1, 100_000).default(12),
  /** Open websockets: in all (each is a file descriptor), per client address, per identity (tabs). */
  MAX_SOCKETS: count(10, 1_000_000).default(800),
  MAX_SOCKETS_PER_ADDRESS: count(1, 1_000_000).default(100),
  MAX_SOCKETS_PER_USER: count(1, 100).default(5),
  /** Users inactive for this many days are erased (0: never). */
  RETENTION_DAYS: count(0, 3650).default(730),
  /** When the data file cannot be read: refuse to start (default), restart from its backup, or from empty data. */
  DATA_RECOVERY: z.enum(['refuse', 'backup', 'empty'], { error: 'doit valoir refuse, backup ou empty' }).default('refuse'),
  /**
   * PostgreSQL instead of the data directory for users' data (`postgres://user:password@host:5432/base`);
   * unset, the data directory (lowdb) is used. Several servers may share one database.
   */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/\S+$/, { error: 'doit être une adresse postgres://… (ou postgresql://…)' })
    .optional(),
  /** Connections to PostgreSQL at most. */
  DATABASE_POOL_SIZE: count(1, 100).default(10),
  /** A PostgreSQL statement running longer is cancelled (milliseconds): the turn fails instead of waiting. */
  DATABASE_STATEMENT_TIMEOUT_MS: count(100, 600_000).default(5000),

  /** Bot registration (Azure Bot). Without it the Teams endpoint runs in local development mode (Emulator only). */
  MicrosoftAppId: guid.optional(),
  MicrosoftAppPassword: z.string().min(1).optional(),
  MicrosoftAppType: z
    .enum(['MultiTenant', 'SingleTenant'], { error: 'doit valoir MultiTenant ou SingleTenant' })
    .default('MultiTenant'),
  /** Required for a SingleTenant bot: the only tenant whose users and tokens are accepted. */
  MicrosoftAppTenantId: guid.optional(),
  /**
   * Without MicrosoftAppId, serve /api/messages unauthenticated to callers on this machine only
   * (Bot Framework Emulator, Agents Playground). Off: without MicrosoftAppId the endpoint answers 503.
   */
  TEAMS_DEV_MODE: z
    .enum(['true', 'false'], { error: 'doit valoir true ou false' })
    .default('false')
    .transform((v) => v === 'true'),
  /** Teams app id in the manifest; defaults to MicrosoftAppId. */
  TEAMS_APP_ID: guid.optional(),
  /** Bot Framework OpenID metadata (signing keys of the channel's tokens); change it only for tests or sovereign clouds. */
  BOT_OPENID_METADATA_URL: z.url({ error: 'doit être une adresse http(s) complète' }).optional(),
  /** Signing keys of Microsoft Entra tokens, used to check the « Mon bilan » tab's SSO token. */
  TEAMS_SSO_JWKS_URL: z
    .url({ error: 'doit être une adresse http(s) complète' })
    .default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
  /** Application ID URI the tab's SSO token is issued for; defaults to api://<PUBLIC_URL host>/<MicrosoftAppId>. */
  TEAMS_SSO_APP_ID_URI: z.string().min(1).optional(),

  /**
   * Who is responsible for the users' data (RGPD « responsable du traitement »): the organisation
   * that runs the companion, with its address, and how to contact it about personal data (an
   * e-mail address, a postal address or a web page). Shown on /confidentialite; until they are
   * set the page says that the operator has not filled them in, and the server logs a warning.
   */
  PRIVACY_CONTROLLER: z.string().trim().min(1, 'ne doit pas être vide').max(300, 'au plus 300 caractères').optional(),
  PRIVACY_CONTACT: z.string().trim().min(1, 'ne doit pas être vide').max(300, 'au plus 300 caractères').optional(),

  /** Notifications of the Thursday prompts in the browsers that allow them (Web Push); off: the page offers none. */
  WEB_PUSH: z.enum(['on', 'off'], { error: 'doit valoir on ou off' }).default('on'),
  /**
   * The VAPID contact push services may use about this server (`mailto:…` or `https://…`);
   * defaults to PRIVACY_CONTACT when it is an e-mail address, else PUBLIC_URL when it is https.
   */
  WEB_PUSH_SUBJECT: z
    .string()
    .regex(/^(mailto:[^\s@]+@[^\s@]+|https:\/\/\S+)$/, 'doit être une adresse mailto:… ou https://…')
    .optional(),

  /** Sends the weekly « Jeudis » prompts (off: nothing is sent; `npm run jeudis` still works). */
  JEUDIS_SCHEDULER: z.enum(['on', 'off'], { error: 'doit valoir on ou off' }).default('on'),
  /** Teams messages per second during a Jeudis broadcast (0: no limit). */
  JEUDIS_TEAMS_RATE: rate(0, 1000).default(30),
  /** Jeudis prompts being sent at once. */
  JEUDIS_CONCURRENCY: count(1, 500).default(30),
});

/**
 * The server's configuration: the bot's registration is whole (an app id with its secret, a
 * tenant for a single-tenant bot), since the server signs in to Teams with it.
 */
export const ConfigSchema = ConfigFields.superRefine((c, ctx) => {
  if (c.MicrosoftAppId && !c.MicrosoftAppPassword) {
    ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'est requis quand MicrosoftAppId est défini' });
  }
  if (c.MicrosoftAppPassword && !c.MicrosoftAppId) {
    ctx.addIssue({ code: 'custom', path: ['MicrosoftAppId'], message: 'est requis quand MicrosoftAppPassword est défini' });
  }
  if (c.MicrosoftAppType === 'SingleTenant' && !c.MicrosoftAppTenantId) {
    ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'est requis pour un bot SingleTenant' });
  }
});

/**
 * The configuration `npm run teams:package` reads: the same variables, checked the same way one
 * by one, but not the secret's rules. Packaging only writes the manifest (app id, PUBLIC_URL);
 * it never signs in, and the secret need not be on the machine that builds the package.
 */
export const PackagingConfigSchema = ConfigFields;

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
