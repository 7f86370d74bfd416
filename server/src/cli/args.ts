import { parseArgs, type ParseArgsConfig } from 'node:util';

export type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses a command's flags; unknown flags are an error with the flag named. */
export function parseCommandArgs<T extends Options>(args: string[], options: T) {
  return parseArgs({ args, options, allowPositionals: true, strict: true });
}

/** Writes a line to standard output (the CLI's only channel besides the server's logger). */
export function print(line = ''): void {
  process.stdout.write(line + '\n');
}

export function printError(line: string): void {
  process.stderr.write(line + '\n');
}
