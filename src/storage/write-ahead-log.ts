import { closeSync, existsSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';

/**
 * Changes appended to a file before they are acknowledged, so that a process killed between two
 * snapshots of the data file loses nothing it had answered. One JSON line per change, written
 * straight to the file (a kill -9 keeps what the kernel has). When a snapshot starts, the current
 * file is set aside as a numbered generation; once the snapshot is on disk, the generations it
 * covers are deleted. At start-up, generations then the current file are replayed over the
 * snapshot, in order; replaying a change twice gives the same data.
 */
export class WriteAheadLog {
  private fd: number;
  private generation: number;

  private constructor(private readonly base: string) {
    this.generation = Math.max(0, ...generations(base));
    this.fd = openSync(this.base, 'a');
  }

  static open(file: string): WriteAheadLog {
    return new WriteAheadLog(file);
  }

  /** Lines of every generation and of the current file, oldest first, torn last lines left out. */
  static read(file: string): unknown[] {
    const older = generations(file)
      .sort((a, b) => a - b)
      .map((n) => `${file}.${n}`);
    const lines: unknown[] = [];
    for (const f of [...older, file]) {
      // Only regular files: a device or a pipe in its place is not a log to replay.
      if (!existsSync(f) || !statSync(f).isFile()) continue;
      for (const raw of readFileSync(f, 'utf8').split('\n')) {
        if (raw.trim() === '') continue;
        try {
          lines.push(JSON.parse(raw));
        } catch {
          // The last line of a file cut by a kill: it was never acknowledged.
        }
      }
    }
    return lines;
  }

  append(change: unknown): void {
    writeSync(this.fd, `${JSON.stringify(change)}\n`);
  }

  /** Sets the current file aside (synchronously, with the snapshot's data); returns its generation. */
  rotate(): number {
    closeSync(this.fd);
    this.generation += 1;
    renameSync(this.base, `${this.base}.${this.generation}`);
    this.fd = openSync(this.base, 'a');
    return this.generation;
  }

  /** Deletes the generations a snapshot on disk now covers. */
  release(upTo: number): void {
    for (const n of generations(this.base)) if (n <= upTo) rmSync(`${this.base}.${n}`, { force: true });
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** The numbers of the generations set aside beside `file` (`file.1`, `file.2`…). */
function generations(file: string): number[] {
  const dir = path.dirname(file);
  const name = path.basename(file);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => (f.startsWith(`${name}.`) ? Number(f.slice(name.length + 1)) : NaN))
    .filter((n) => Number.isInteger(n));
}
