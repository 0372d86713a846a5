import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A fresh directory under the system temp dir, removed by the returned cleanup. */
export function tempDir(prefix = 'odd17-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The data directory `dir` as a kill -9 would leave it now, copied into `dir/<name>`: its files
 * and the user files below it (not the copy itself).
 */
export function crashCopy(dir: string, name = 'killed'): string {
  const copy = path.join(dir, name);
  mkdirSync(copy);
  for (const entry of readdirSync(dir)) {
    if (entry === name) continue;
    cpSync(path.join(dir, entry), path.join(copy, entry), { recursive: true });
  }
  return copy;
}
