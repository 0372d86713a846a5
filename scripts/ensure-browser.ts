// `npm test`'s pretest step: makes sure the browser tests have a browser (installs Debian's
// chromium when there is none) and says which one they will use.
import { ensureBrowser } from './browser.js';

process.exitCode = ensureBrowser();
