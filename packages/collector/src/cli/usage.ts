/** One option of a command's help: the flag as typed (`--port <n>`) and what it does. */
export type OptionRow = readonly [flag: string, description: string];

/** The `-h, --help` row every command ends its options with. */
export const HELP_ROW: OptionRow = ['-h, --help', 'show this help'];

/**
 * The options block of a `--help`: every description starts in one column, two spaces after the
 * longest flag, and the lines of a multi-line description (`\n`) continue in that column. Computed
 * rather than typed, so shared rows (the store flags) line up in every command.
 */
export function optionList(rows: readonly OptionRow[]): string {
  const width = Math.max(...rows.map(([flag]) => flag.length)) + 2;
  const indent = ' '.repeat(2 + width);
  return rows
    .map(([flag, description]) => `  ${flag.padEnd(width)}${description.split('\n').join(`\n${indent}`)}`)
    .join('\n');
}

/** The fix of a bad command line of one command: its own `--help`, not the list of commands. */
export function helpFix(command: string): string {
  return `see \`sightline ${command} --help\` (from the repository: \`npm run sightline -- ${command} --help\`).`;
}
