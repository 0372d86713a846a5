import { z } from 'zod';

const port = z.coerce
  .number({ error: 'doit être un nombre' })
  .int('doit être un entier')
  .min(0, 'doit être compris entre 0 et 65535')
  .max(65535, 'doit être compris entre 0 et 65535');

/** A whole number in a range; the message names the range. */
const count = (min: number, max: number) =>
  z.coerce
    .number({ error: 'doit être un nombre' })
    .int(`doit être un entier entre ${min} et ${max}`)
    .min(min, `doit être compris entre ${min} et ${max}`)
    .max(max, `doit être compris entre ${min} et ${max}`);

const guid = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'doit être un identifiant GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)');

/** Environment variables the server reads; every one has a default so `npm start` needs none. */
export const ConfigSchema = z.object({
  PORT: port.default(3978),
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
  REPORT_LINK_DAYS: z.coerce.number({ error: 'doit être un nombre' }).int().min(1).max(365).default(30),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'doit être fatal, error, warn, info, debug, trace ou silent',
    })
    .default('info'),
  /** Longest user text accepted, in characters. */
  MAX_TEXT_LENGTH: z.coerce.number({ error: 'doit être un nombre' }).int().min(10).max(100_000).default(2000),
  /** Largest websocket frame accepted, in bytes; larger frames close the socket. */
  MAX_FRAME_BYTES: z.coerce.number({ error: 'doit être un nombre' }).int().min(1024).max(1_048_576).default(16_384),
  /** Delay before buffered storage writes are flushed to disk, in milliseconds. */
  STORAGE_FLUSH_MS: z.coerce.number({ error: 'doit être un nombre' }).int().min(0).max(10_000).default(100),
  /** Messages one user may send in a burst, then per second (a flood gets one polite answer, the rest are dropped). */
  FLOOD_BURST: z.coerce.number({ error: 'doit être un nombre' }).int().min(1).max(1000).default(30),
  FLOOD_PER_SECOND: z.coerce.number({ error: 'doit être un nombre' }).min(0.1).max(100).default(2),
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
  RETENTION_DAYS: z.coerce.number({ error: 'doit être un nombre' }).int().min(0).max(3650).default(730),
  /** When the data file cannot be read: refuse to start (default), restart from its backup, or from empty data. */
  DATA_RECOVERY: z.enum(['refuse', 'backup', 'empty'], { error: 'doit valoir refuse, backup ou empty' }).default('refuse'),

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

  /** Sends the weekly « Jeudis » prompts (off: nothing is sent; `npm run jeudis` still works). */
  JEUDIS_SCHEDULER: z.enum(['on', 'off'], { error: 'doit valoir on ou off' }).default('on'),
  /** Teams messages per second during a Jeudis broadcast (0: no limit). */
  JEUDIS_TEAMS_RATE: z.coerce.number({ error: 'doit être un nombre' }).min(0).max(1000).default(30),
  /** Jeudis prompts being sent at once. */
  JEUDIS_CONCURRENCY: z.coerce.number({ error: 'doit être un nombre' }).int().min(1).max(500).default(30),
}).superRefine((c, ctx) => {
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

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
