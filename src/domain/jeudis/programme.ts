import type { JeudisFile, JeudisTheme } from '../../content/schemas.js';
import { isThirdThursday, weeksBetween } from './local-time.js';

export type ThemeOfTheWeek = JeudisTheme | { id: string; kind: 'prospective'; need: string };

/** The theme of a Thursday: the prospective cycle on the 3rd Thursday, else the rotation. */
export function themeOfTheWeek(programme: JeudisFile, thursday: string): ThemeOfTheWeek {
  if (isThirdThursday(thursday)) return { ...programme.prospective, kind: 'prospective' };
  const week = weeksBetween(programme.rotationStart, thursday);
  const n = programme.themes.length;
  return programme.themes[((week % n) + n) % n] as JeudisTheme;
}
