import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppendLog, readLines, rewriteLines } from '../src/infra/storage/append-log.js';
import { DeliveryJournal, JOURNAL_FILE } from '../src/infra/storage/delivery-journal.js';
import { WriteAheadLog } from '../src/infra/storage/write-ahead-log.js';
import { TEST_NOW } from './helpers/clock.js';
import { tempDir } from './helpers/temp-dir.js';

let tmp: ReturnType<typeof tempDir>;
let file: string;
beforeEach(() => {
  tmp = tempDir();
  file = path.join(tmp.dir, 'log.ndjson');
});
afterEach(() => tmp.cleanup());

describe('the append-only log (write-ahead log and delivery journal alike)', () => {
  it('writes each line straight to the file: another reader sees it at once, without a close', () => {
    const log = AppendLog.open(file);
    log.append('{"n":1}');
    log.append('{"n":2}');
    expect(readFileSync(file, 'utf8')).toBe('{"n":1}\n{"n":2}\n');
    expect(readLines(file)).toEqual([{ n: 1 }, { n: 2 }]);
    log.close();
    expect(() => log.append('{"n":3}')).toThrow(/closed/);
  });

  it('reads past a torn last line (a kill mid-write) and goes on appending after it', () => {
    const log = AppendLog.open(file);
    log.append('{"n":1}');
    appendFileSync(file, '{"n":2, "cut');
    expect(readLines(file)).toEqual([{ n: 1 }]);
    // A missing file, or a directory in its place, is an empty log rather than a failed start.
    expect(readLines(path.join(tmp.dir, 'absent'))).toEqual([]);
    mkdirSync(path.join(tmp.dir, 'a-directory'));
    expect(readLines(path.join(tmp.dir, 'a-directory'))).toEqual([]);
    log.close();
  });

  it('rewrites atomically: the new lines whole, no temporary file left, appends going on after them', () => {
    const log = AppendLog.open(file);
    for (let n = 1; n <= 5; n++) log.append(JSON.stringify({ n }));
    log.rewrite([JSON.stringify({ n: 5 })]);
    log.append(JSON.stringify({ n: 6 }));
    expect(readLines(file)).toEqual([{ n: 5 }, { n: 6 }]);
    expect(readdirSync(tmp.dir)).toEqual(['log.ndjson']);
    log.close();
  });

  it('leaves the old lines whole when a rewrite fails half-way, and keeps appending to them', () => {
    const log = AppendLog.open(file);
    log.append('{"n":1}');
    // The temporary file cannot be written (a directory is in its way): the rename never happens.
    mkdirSync(`${file}.tmp`);
    expect(() => log.rewrite(['{"n":9}'])).toThrow();
    expect(() => rewriteLines(file, ['{"n":9}'])).toThrow();
    log.append('{"n":2}');
    expect(readLines(file)).toEqual([{ n: 1 }, { n: 2 }]);
    log.close();
  });

  it('moves the file aside (a generation) and starts an empty one in its place', () => {
    const log = AppendLog.open(file);
    log.append('{"n":1}');
    log.moveTo(`${file}.1`);
    log.append('{"n":2}');
    expect(readLines(`${file}.1`)).toEqual([{ n: 1 }]);
    expect(readLines(file)).toEqual([{ n: 2 }]);
    log.close();
  });

  it('is what both users read: a torn last line of the write-ahead log and of the delivery journal is skipped', () => {
    const walFile = path.join(tmp.dir, 'compagnon.wal');
    const wal = WriteAheadLog.open(walFile);
    wal.append({ op: 'deleteUser', id: 'a' });
    wal.rotate();
    wal.append({ op: 'deleteUser', id: 'b' });
    wal.close();
    appendFileSync(walFile, '{"op":"deleteUser","id":"c');
    expect(WriteAheadLog.read(walFile)).toEqual([
      { op: 'deleteUser', id: 'a' },
      { op: 'deleteUser', id: 'b' },
    ]);

    const journal = DeliveryJournal.open(tmp.dir, TEST_NOW);
    const key = DeliveryJournal.key('2026-12-03', 'web-a');
    journal.claim(key, TEST_NOW);
    journal.record(key, 'sent', TEST_NOW);
    journal.close();
    appendFileSync(path.join(tmp.dir, JOURNAL_FILE), '{"key":"2026-12-03|web-b","state":"send');
    const again = DeliveryJournal.open(tmp.dir, TEST_NOW);
    expect(again.get(key)?.state).toBe('sent');
    expect(again.get(DeliveryJournal.key('2026-12-03', 'web-b'))).toBeUndefined();
    // Forgetting a user rewrites the journal through the same atomic rewrite, torn line gone.
    again.forget('web-a');
    again.close();
    expect(readFileSync(path.join(tmp.dir, JOURNAL_FILE), 'utf8')).toBe('');
    expect(existsSync(path.join(tmp.dir, `${JOURNAL_FILE}.tmp`))).toBe(false);
  });

  it('keeps a journal opened read-only untouched (npm run jeudis -- --dry-run)', () => {
    const old = JSON.stringify({ key: '2026-01-01|web-a', state: 'sent', at: '2026-01-01T09:00:00.000Z', attempts: 1 });
    writeFileSync(path.join(tmp.dir, JOURNAL_FILE), `${old}\n`);
    DeliveryJournal.open(tmp.dir, TEST_NOW, { readOnly: true }).close();
    expect(readFileSync(path.join(tmp.dir, JOURNAL_FILE), 'utf8')).toBe(`${old}\n`);
    // Opened for writing, the entry older than 10 weeks is dropped.
    DeliveryJournal.open(tmp.dir, TEST_NOW).close();
    expect(readFileSync(path.join(tmp.dir, JOURNAL_FILE), 'utf8')).toBe('');
  });
});
