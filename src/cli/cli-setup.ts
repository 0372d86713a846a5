import type { Config } from '../infra/config/config-schema.js';
import { ConfigError, loadConfig, type ConfigPurpose } from '../infra/config/load-config.js';
import { ContentError } from '../content/content-problem.js';
import { loadContent, type Content } from '../infra/content/load-content.js';

/** Configuration and content for a command-line tool, or the French message to print and exit 1 with. */
export function cliSetup(purpose: ConfigPurpose = 'server'): { ok: true; config: Config; content: Content } | { ok: false; message: string } {
  let config: Config;
  try {
    config = loadConfig(process.env, purpose);
  } catch (err) {
    if (err instanceof ConfigError) return { ok: false, message: err.message };
    throw err;
  }
  try {
    return { ok: true, config, content: loadContent(config.CONTENT_DIR) };
  } catch (err) {
    if (err instanceof ContentError) return { ok: false, message: err.message };
    throw err;
  }
}
