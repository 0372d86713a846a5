import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'compagnon.lock';

export class DataLockError extends Error {}

/**
 * One process at a time on a data directory: two would overwrite each other's data and could
 * send a Thursday prompt twice. The lock is a file holding the owner's pid; a lock left by a
 * process that no longer runs is taken over.
 */
export class DataLock {
  private constructor(private readonly file: string) {}

  static acquire(dataDir: string): DataLock {
    const file = path.join(dataDir, LOCK_FILE);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        writeFileSync(file, String(process.pid), { flag: 'wx' });
        return new DataLock(file);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST') {
          throw new DataLockError(`Le dossier de données ${dataDir} n'est pas accessible en écriture (${code ?? (err as Error).message}) : vérifiez ses droits et l'espace disque.`);
        }
        const owner = Number(readFileSync(file, 'utf8').trim());
        if (isRunning(owner)) {
          throw new DataLockError(`Le dossier de données ${dataDir} est déjà utilisé par un autre processus (pid ${owner}). Arrêtez-le d'abord.`);
        }
        rmSync(file, { force: true });
      }
    }
    throw new DataLockError(`Impossible de verrouiller le dossier de données ${dataDir}.`);
  }

  release(): void {
    rmSync(this.file, { force: true });
  }
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
