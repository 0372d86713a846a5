/**
 * A text as a person could have typed it: without the control characters no keyboard makes (NUL
 * and the other C0 and C1 codes, but tab and line breaks). A NUL byte cannot be stored in a
 * PostgreSQL `jsonb` value: kept, it would make the user's turn fail on that backend.
 */
export function withoutControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
}
