import { z } from 'zod';

const port = z.coerce
  .number({ error: 'doit être un nombre' })
  .int('doit être un entier')
  .min(0, 'doit être compris entre 0 et 65535')
  .max(65535, 'doit être compris entre 0 et 65535');

/** Environment variables the server reads; every one has a default so `npm start` needs none. */
export const ConfigSchema = z.object({
  PORT: port.default(3978),
  HOST: z.string().min(1, 'ne doit pas être vide').default('0.0.0.0'),
  DATA_DIR: z.string().min(1, 'ne doit pas être vide').default('./data'),
  CONTENT_DIR: z.string().min(1, 'ne doit pas être vide').default('./content'),
  /** Secret that signs the web chat identity cookie; generated and kept in DATA_DIR when absent. */
  COOKIE_SECRET: z.string().min(32, 'doit faire au moins 32 caractères').optional(),
  /** Mark the identity cookie `Secure` (set it to true behind HTTPS). */
  COOKIE_SECURE: z
    .enum(['true', 'false'], { error: 'doit valoir true ou false' })
    .default('false')
    .transform((v) => v === 'true'),
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
});

export type Config = z.infer<typeof ConfigSchema>;
export type ConfigInput = z.input<typeof ConfigSchema>;
