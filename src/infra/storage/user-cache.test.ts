import { describe, expect, it } from 'vitest';
import { storedRecord } from '../../../test/helpers/records.js';
import { UserCache } from './user-cache.js';

const entry = (id: string) => ({ record: storedRecord(id) });

describe('the users held in memory', () => {
  it('keeps at most its capacity, the least recently used going first', () => {
    const cache = new UserCache(3);
    for (const id of ['a', 'b', 'c']) cache.set(id, entry(id));
    cache.get('a');
    cache.set('d', entry('d'));
    expect(cache.ids().sort()).toEqual(['a', 'c', 'd']);
    expect(cache.size).toBe(3);
  });

  it('never lets a pinned user go (a turn under way), and lets them go once released', () => {
    const cache = new UserCache(2);
    cache.set('turn', entry('turn'));
    const release = cache.pin(['turn']);
    for (const id of ['b', 'c', 'd']) cache.set(id, entry(id));
    expect(cache.peek('turn')).toBeDefined();
    expect(cache.size).toBe(2);
    release();
    cache.set('e', entry('e'));
    expect(cache.peek('turn')).toBeUndefined();
  });

  it('tells a read from storage that the user changed while it ran (its copy may be older)', () => {
    const cache = new UserCache(10);
    cache.startLoad('a');
    expect(cache.finishLoad('a')).toBe(true);
    cache.startLoad('a');
    cache.set('a', entry('a'));
    expect(cache.finishLoad('a')).toBe(false);
    cache.startLoad('b');
    cache.delete('b');
    expect(cache.finishLoad('b')).toBe(false);
  });
});
