import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { AppendLog, readLines } from './append-log.js';

/**
 * Changes appended to a file before they are acknowledged, so that a process killed between two
 * snapshots of the data file loses nothing it had answered. One JSON line per change, written
 * straight to the file (a kill -9 keeps what the kernel has). When a snapshot starts, the current
 * file is set aside as a numbered generation (numbers only grow) and the snapshot records the
 * number; a generation is deleted once the backup (`.bak`) holds its changes too, so that the
 * backup plus the generations after it give every change. At start-up, the generations after the
 * one the snapshot (or the backup) records, then the current file, are replayed over it, in order.
 * The file itself is an AppendLog (written straight through, torn last line skipped on reading).
 */
export class WriteAheadLog {
  private readonly log: AppendLog;
  private generation: number;

  private constructor(
    private readonly base: string,
    floor: number,
  ) {
    this.generation = Math.max(floor, ...generations(base));
    this.log = AppendLog.open(this.base);
  }

  /** `floor`: the highest generation number already used (recorded in a snapshot), never given again. */
  static open(file: string, floor = 0): WriteAheadLog {
    return new WriteAheadLog(file, floor);
  }

  /** The numbers of the generations set aside beside `file`, in order. */
  static generations(file: string): number[] {
    return generations(file).sort((a, b) => a - b);
  }

  /**
   * Lines of the generations numbered above `after` and of the current file, oldest first, torn
   * last lines left out.
   */
  static read(file: string, after = 0): unknown[] {
    const older = WriteAheadLog.generations(file)
      .filter((n) => n > after)
      .map((n) => `${file}.${n}`);
    return [...older, file].flatMap((f) => readLines(f));
  }

  append(change: unknown): void {
    this.appendLine(JSON.stringify(change));
  }

  /** A change already serialised (one line of JSON). */
  appendLine(line: string): void {
    this.log.append(line);
  }

  /** Sets the current file aside (synchronously, with the snapshot's data); returns its generation. */
  rotate(): number {
    this.generation += 1;
    this.log.moveTo(`${this.base}.${this.generation}`);
    return this.generation;
  }

  /** Deletes the generations up to `upTo` (the backup on disk holds their changes). */
  release(upTo: number): void {
    for (const n of generations(this.base)) if (n <= upTo) rmSync(`${this.base}.${n}`, { force: true });
  }

  close(): void {
    this.log.close();
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
