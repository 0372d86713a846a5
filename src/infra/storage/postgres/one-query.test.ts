import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { checked, inlined, literal, oneQuery } from './one-query.js';

describe('a statement written as one query text', () => {
  it.each([
    ["l'été", `'l''été'`],
    ['a\\b', ` E'a\\\\b'`],
    ["'); DROP TABLE users; --", `'''); DROP TABLE users; --'`],
    [42, '42'],
    [null, 'NULL'],
    [[], `'{}'`],
    [['a', "b'c"], `ARRAY['a', 'b''c']`],
  ])('writes %j as the literal %s', (value, sql) => {
    expect(literal(value)).toBe(sql);
  });

  it('escapes a string as pg.escapeLiteral does, for any mix of quotes, backslashes and other characters', () => {
    const parts = ["'", '\\', "''", 'é', '😀', '$1', ' ', 'E', '\n'];
    for (let seed = 1; seed < 500; seed += 1) {
      const text = Array.from({ length: seed % 12 }, (_, i) => parts[(seed * 7 + i * 13) % parts.length]).join('');
      expect(literal(text), JSON.stringify(text)).toBe(pg.escapeLiteral(text));
    }
  });

  it('refuses what PostgreSQL could not read back the same: NUL, a number that is not finite, an object', () => {
    expect(() => literal('a\u0000b')).toThrow(/NUL/);
    expect(() => literal(Number.NaN)).toThrow(/finite/);
    expect(() => literal({ a: 1 })).toThrow(/literal/);
  });

  it('replaces each $n by its own parameter, $10 included, and never reads a parameter as a placeholder', () => {
    const params = Array.from({ length: 10 }, (_, i) => `p${i + 1}`);
    expect(inlined('SELECT $1, $10', params)).toBe(`SELECT 'p1', 'p10'`);
    expect(inlined('SELECT $1, $2', ['$2', 'x'])).toBe(`SELECT '$2', 'x'`);
    expect(() => inlined('SELECT $2', ['x'])).toThrow(/\$2/);
  });

  it('checks in SQL the rows a statement must touch, naming the first user left out', () => {
    expect(checked({ sql: 'DELETE FROM t WHERE k = $1', params: ['x'] })).toBe(`DELETE FROM t WHERE k = 'x'`);
    const one = checked({ sql: 'DELETE FROM t WHERE k = $1 RETURNING k', params: ['x'], expect: 1, what: 't x' });
    expect(one).toContain(`odd17_write_conflict('t x')`);
    expect(one).toMatch(/WHERE c\.n <> 1$/);
    const many = checked({ sql: 'UPDATE users SET v = 1 WHERE id = ANY($1) RETURNING id', params: [['a', 'b']], expect: 2, ids: ['a', 'b'] });
    expect(many).toContain(`'users ' || coalesce((SELECT i FROM unnest(ARRAY['a', 'b']::text[]) AS i WHERE i NOT IN (SELECT id FROM w)`);
    expect(oneQuery([{ sql: 'SELECT 1', params: [] }, { sql: 'SELECT $1', params: [2] }])).toBe('SELECT 1;\nSELECT 2');
  });
});
