import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensurePostgres, findPostgresBin } from '../scripts/postgres.js';
import { tempDir } from './helpers/temp-dir.js';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

/** A folder with executables named as PostgreSQL's server binaries (`postgres --version` prints a fake version). */
function fakeBin(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const name of ['initdb', 'pg_ctl', 'postgres']) {
    writeFileSync(path.join(dir, name), name === 'postgres' ? '#!/bin/sh\necho "postgres (PostgreSQL) 99.1"\n' : '#!/bin/sh\n');
    chmodSync(path.join(dir, name), 0o755);
  }
  return dir;
}

describe('npm test’s pretest step (scripts/ensure-test-tools.ts): PostgreSQL', () => {
  it('uses POSTGRES_BIN when set, and says so in one line', () => {
    const bin = fakeBin(path.join(tmp.dir, 'pg/bin'));
    const lines: string[] = [];
    expect(ensurePostgres({ POSTGRES_BIN: bin, PATH: '' }, (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual([`Tests PostgreSQL : postgres (PostgreSQL) 99.1 (${bin})`]);
  });

  it('names a wrong POSTGRES_BIN as missing rather than look elsewhere', () => {
    expect(findPostgresBin({ POSTGRES_BIN: path.join(tmp.dir, 'nowhere'), PATH: fakeBin(path.join(tmp.dir, 'other')) })).toBeUndefined();
  });

  it('prefers Debian’s newest version, else finds initdb in PATH; leaves the server to TEST_DATABASE_URL when it is set', () => {
    const bin = fakeBin(path.join(tmp.dir, 'bin'));
    const debian = path.join(tmp.dir, 'usr/lib/postgresql');
    expect(findPostgresBin({ PATH: bin }, debian)).toBe(bin);
    fakeBin(path.join(debian, '15/bin'));
    const newest = fakeBin(path.join(debian, '16/bin'));
    expect(findPostgresBin({ PATH: bin }, debian)).toBe(newest);
    const lines: string[] = [];
    expect(ensurePostgres({ TEST_DATABASE_URL: 'postgres://x@127.0.0.1/y', PATH: '' }, (l) => lines.push(l))).toBe(0);
    expect(lines).toEqual(['Tests PostgreSQL : le serveur de TEST_DATABASE_URL']);
  });
});
