import { describe, expect, it } from 'vitest';
import { frenchDate, frenchDateTime, frenchDay } from './french-date.js';

describe('French dates', () => {
  it('write the first day of a month as an ordinal, the others as numbers', () => {
    expect(frenchDate(new Date('2026-12-01T09:00:00+01:00'), 'Europe/Paris', { year: true })).toBe('1er décembre 2026');
    expect(frenchDate(new Date('2026-12-03T09:00:00+01:00'), 'Europe/Paris', { weekday: true })).toBe('jeudi 3 décembre');
    expect(frenchDate(new Date('2027-04-01T12:00:00+02:00'), 'Europe/Paris', { weekday: true })).toBe('jeudi 1er avril');
    expect(frenchDay(11)).toBe('11');
    expect(frenchDay('01')).toBe('1er');
  });

  it('take the day in the given time zone', () => {
    // 23:30 UTC on 30 November is already 1 December in Paris.
    expect(frenchDate(new Date('2026-11-30T23:30:00Z'), 'Europe/Paris')).toBe('1er décembre');
    expect(frenchDate(new Date('2026-11-30T23:30:00Z'), 'UTC')).toBe('30 novembre');
  });

  it('give the hour as the companion writes it', () => {
    expect(frenchDateTime(new Date('2027-04-01T09:00:00+02:00'), 'Europe/Paris')).toBe('jeudi 1er avril à 9 h');
  });
});
