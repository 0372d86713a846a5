import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cliSetup } from './cli-setup.js';
import { ssoAppIdUri } from '../channels/teams/sso-app-id-uri.js';
import { buildPackage } from '../channels/teams/app-package/build-package.js';

/**
 * `npm run teams:package [-- out.zip]`: the app package to upload in Teams, from the same
 * environment variables as the server (MicrosoftAppId, PUBLIC_URL, TEAMS_APP_ID...). The bot's
 * secret (MicrosoftAppPassword) is not needed: the package holds no secret.
 */
function main(): number {
  const setup = cliSetup('teams-package');
  if (!setup.ok) return fail(setup.message);
  const { config, content } = setup;
  const problems: string[] = [];
  if (!config.MicrosoftAppId) problems.push('MicrosoftAppId est requis : c’est l’identifiant de l’inscription du bot (Azure Bot).');
  if (!config.PUBLIC_URL) problems.push('PUBLIC_URL est requis : l’adresse https publique du serveur (onglet, domaines autorisés).');
  else if (new URL(config.PUBLIC_URL).protocol !== 'https:') problems.push('PUBLIC_URL doit commencer par https:// : Teams n’ouvre que des onglets en https.');
  if (problems.length > 0 || !config.MicrosoftAppId || !config.PUBLIC_URL) return fail(`Paquet Teams impossible :\n${problems.map((p) => `  - ${p}`).join('\n')}`);

  const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
  const { zip, manifest } = buildPackage(content.teamsApp, {
    teamsAppId: config.TEAMS_APP_ID ?? config.MicrosoftAppId,
    botAppId: config.MicrosoftAppId,
    publicUrl: config.PUBLIC_URL,
    appIdUri: ssoAppIdUri(config),
    version,
  }, content.ui.commands);
  const out = path.resolve(process.argv[2] ?? 'dist/compagnon-odd17-teams.zip');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, zip);
  console.log(`Paquet Teams écrit : ${out} (${zip.byteLength} octets, manifeste v${manifest.manifestVersion}, app ${manifest.id}).`);
  return 0;
}

function fail(message: string): number {
  console.error(message);
  return 1;
}

process.exitCode = main();
