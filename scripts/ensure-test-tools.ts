// `npm test`'s pretest step: makes sure the tests have what they drive — a browser (Debian's
// chromium installed when there is none) and PostgreSQL's server binaries (Debian's postgresql
// installed when there are none) — and says which ones they will use.
import { ensureBrowser } from './browser.js';
import { ensurePostgres } from './postgres.js';

process.exitCode = ensureBrowser() || ensurePostgres();
