// Where the CLI's words go. Commands write through this interface, so tests can run main() in-process
// and see exactly what a user would see on stdout and stderr.
import { guardedWriter } from './closed-output.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Progress is shown only when stderr is a terminal (docs/commands.md). */
  readonly stderrIsTty: boolean;
  /** Working directory for relative paths. */
  readonly cwd: string;
  /** Environment (HOME, CLAUDE_CONFIG_DIR) for finding Claude Code's projects folders. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The clock, for relative --since/--until (`7d`); tests pass a fixed one (default Date.now). */
  readonly nowMs?: () => number;
}

export function processIo(): CliIo {
  return {
    stdout: guardedWriter(process.stdout, 'stdout'),
    stderr: guardedWriter(process.stderr, 'stderr'),
    stderrIsTty: process.stderr.isTTY === true,
    cwd: process.cwd(),
    env: process.env,
    nowMs: () => Date.now(),
  };
}
