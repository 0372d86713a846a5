/**
 * French typography: a no-break space inside « » and before : ; ? ! so that a guillemet or a
 * question mark never starts a line on a narrow phone screen.
 */
export function frenchSpacing(text: string): string {
  return text
    .replace(/« /g, '«\u00a0')
    .replace(/ »/g, '\u00a0»')
    .replace(/ ([:;?!])(?=\s|$|\*)/gm, '\u00a0$1');
}
