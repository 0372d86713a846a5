import { closeSync, existsSync, openSync, readFileSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';

/**
 * An append-only file of JSON lines, as the write-ahead log of the users' data and the Jeudis
 * delivery journal keep them. Its guarantees:
 * - a line is written straight to the file (`writeSync`, no buffer of ours), so that a process
 *   killed after `append` returned keeps it (the kernel has it);
 * - reading skips a line that is not JSON (the last one, cut by a kill mid-write: it was never
 *   acknowledged), so that a torn tail never stops a start;
 * - a rewrite (compaction, erasure) goes through a temporary file and a rename, so that the file
 *   holds the old lines or the new ones, never half of them.
 */
export class AppendLog {
  private fd: number | undefined;

  private constructor(readonly file: string) {
    this.fd = openSync(file, 'a');
  }

  /** Opens `file` for appending (created if absent). Throws when it cannot be written. */
  static open(file: string): AppendLog {
    return new AppendLog(file);
  }

  /** One line (serialised JSON, without its newline). */
  append(line: string): void {
    if (this.fd === undefined) throw new Error(`append-only log closed: ${this.file}`);
    writeSync(this.fd, `${line}\n`);
  }

  /** Replaces the file's lines at once (see rewriteLines); appends go on after them. */
  rewrite(lines: string[]): void {
    this.reopenAround(() => rewriteLines(this.file, lines));
  }

  /** Moves the file to `target` (a numbered generation) and starts an empty one in its place. */
  moveTo(target: string): void {
    this.reopenAround(() => renameSync(this.file, target));
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  /** The descriptor points to the file it was opened on: closed before the file is replaced, opened on the new one. */
  private reopenAround(replace: () => void): void {
    this.close();
    try {
      replace();
    } finally {
      this.fd = openSync(this.file, 'a');
    }
  }
}

/**
 * The JSON values of a log file, oldest first; blank lines and lines that are not JSON (a torn
 * last line) are left out. A missing file, or anything but a regular file in its place (a
 * device, a pipe: not a log), reads as empty.
 */
export function readLines(file: string): unknown[] {
  if (!existsSync(file) || !statSync(file).isFile()) return [];
  const values: unknown[] = [];
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    if (raw.trim() === '') continue;
    try {
      values.push(JSON.parse(raw));
    } catch {
      // Cut by a kill mid-write: it was never acknowledged.
    }
  }
  return values;
}

/** Writes `lines` as the whole of `file`, through `<file>.tmp` and a rename (atomic on one file system). */
export function rewriteLines(file: string, lines: string[]): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, lines.map((l) => `${l}\n`).join(''));
  renameSync(tmp, file);
}
