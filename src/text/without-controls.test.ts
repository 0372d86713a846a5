import { describe, expect, it } from 'vitest';
import { withoutControls } from './without-controls.js';

describe('withoutControls', () => {
  it('drops NUL and the other control codes, and keeps tabs, line breaks and every printable character', () => {
    expect(withoutControls('a\u0000b\u0007c\u001bd\u007fe\u0085f')).toBe('abcdef');
    expect(withoutControls('ligne 1\nligne 2\r\n\tfin « é » 👍')).toBe('ligne 1\nligne 2\r\n\tfin « é » 👍');
  });
});
