import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { StorageError } from './storage-errors.js';

/** The folder of the user files in a data directory. */
export const USERS_DIR = 'users';

/**
 * One file per user in the data directory (`users/ab/abcd….json`), named by the SHA-256 of the
 * user's id (the key an erasure keeps: an erasure replayed from the log, which knows only that
 * hash, finds the file). A turn's write rewrites one small file, however many users are stored;
 * each file is written through a temporary file renamed over the old one (a crash leaves the old
 * record or the new one, never half of one). The write-ahead log holds every change until the
 * files are synced (`sync`, before the log generations are released), so a file needs no sync of
 * its own at each write.
 */
export class UserFiles {
  constructor(readonly dir: string) {}

  fileOf(h: string): string {
    return path.join(this.dir, h.slice(0, 2), `${h}.json`);
  }

  /** The record stored under this hash, parsed (not yet checked), or null when there is none. */
  async read(h: string): Promise<unknown> {
    let text: string;
    try {
      text = await readFile(this.fileOf(h), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new StorageError(`Fichier d'utilisateur illisible (${path.basename(this.fileOf(h))}) : ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new StorageError(`Fichier d'utilisateur ${this.fileOf(h)} : JSON invalide (${(err as Error).message}). Le fichier est laissé tel quel.`);
    }
  }

  async write(h: string, json: string): Promise<void> {
    const file = this.fileOf(h);
    const tmp = `${file}.tmp`;
    let handle;
    try {
      handle = await open(tmp, 'w');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await mkdir(path.dirname(file), { recursive: true });
      handle = await open(tmp, 'w');
    }
    try {
      await handle.write(json);
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  }

  /** Makes sure the file's content is on the disk (a file deleted meanwhile needs nothing). */
  async sync(h: string): Promise<void> {
    let handle;
    try {
      handle = await open(this.fileOf(h), 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async remove(h: string): Promise<void> {
    await rm(this.fileOf(h), { force: true });
  }

  /** The hashes of the users stored, one folder at a time. */
  async *hashes(): AsyncGenerator<string[]> {
    let folders: string[];
    try {
      folders = (await readdir(this.dir)).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw err;
    }
    for (const folder of folders) {
      const names = await readdir(path.join(this.dir, folder)).catch(() => [] as string[]);
      yield names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length));
    }
  }
}
