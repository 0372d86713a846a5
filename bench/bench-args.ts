// The command line of a benchmark: `--name value` options and `--name` flags.
const args = process.argv.slice(2);

/** The text after `--name`, or `fallback` when the option or its value is absent. */
export function textOption(name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? (args[i + 1] as string) : fallback;
}

/** The number after `--name`, or `fallback` when absent, not a number or 0. */
export function numberOption(name: string, fallback: number): number {
  return Number(textOption(name, String(fallback))) || fallback;
}

/** Whether `--name` was given. */
export function flag(name: string): boolean {
  return args.includes(`--${name}`);
}
