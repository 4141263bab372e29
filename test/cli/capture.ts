// Runs the CLI in-process with captured stdout/stderr, as a user would see them.
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

export interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function ttlsim(
  args: string[],
  cwd = process.cwd(),
  env: Record<string, string | undefined> = { HOME: '/nonexistent-home' },
  /** A fixed clock, for relative dates (`--since 7d`). */
  nowMs?: () => number,
): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stderrIsTty: false,
    cwd,
    env,
    ...(nowMs === undefined ? {} : { nowMs }),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
