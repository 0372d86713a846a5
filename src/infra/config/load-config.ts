import { ConfigSchema, PackagingConfigSchema, type Config } from './config-schema.js';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration invalide :\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Who reads the configuration: the server (the default), or the Teams packaging, which needs no secret. */
export type ConfigPurpose = 'server' | 'teams-package';

/** Reads the configuration from environment variables; one clear line per bad value. */
export function loadConfig(env: Record<string, string | undefined> = process.env, purpose: ConfigPurpose = 'server'): Config {
  const schema = purpose === 'teams-package' ? PackagingConfigSchema : ConfigSchema;
  const known = Object.keys(schema.shape);
  const input = Object.fromEntries(known.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]]));
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '?');
      return `${name}=${JSON.stringify(input[name] ?? '')} : ${issue.message}`;
    }),
  );
}
