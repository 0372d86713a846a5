import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strToU8, zipSync } from 'fflate';
import type { TeamsAppFile } from '../../../content/schemas.js';
import { buildManifest, COLOR_ICON, OUTLINE_ICON, type ManifestSettings } from './build-manifest.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The zip Teams installs: manifest.json and the two icons at its root. */
export function buildPackage(
  app: TeamsAppFile,
  settings: ManifestSettings,
  commandWords: Record<string, string[]>,
): { zip: Uint8Array; manifest: ReturnType<typeof buildManifest> } {
  const manifest = buildManifest(app, settings, commandWords);
  const zip = zipSync({
    'manifest.json': strToU8(`${JSON.stringify(manifest, null, 2)}\n`),
    [COLOR_ICON]: readFileSync(path.join(here, COLOR_ICON)),
    [OUTLINE_ICON]: readFileSync(path.join(here, OUTLINE_ICON)),
  });
  return { zip, manifest };
}
