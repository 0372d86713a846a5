import { loadContent, type Content } from '../../src/infra/content/load-content.js';

/** The project's content store, as the server loads it. */
export const CONTENT_DIR = new URL('../../content', import.meta.url).pathname;

/** The content store, loaded once per test file: what unit tests beside a module build their cases from. */
export const content: Content = loadContent(CONTENT_DIR);
