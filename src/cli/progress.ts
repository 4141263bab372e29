// Progress on stderr, only when stderr is a terminal and --quiet is off (docs/commands.md), via cli-progress.
import { createRequire } from 'node:module';
import type * as CliProgress from 'cli-progress';
import type { CliIo } from './io.js';

// cli-progress (CommonJS) is required only when a bar is drawn: `--json`, `--quiet` and output to a pipe or
// a file, the way scripts and tests run ttlsim, never load it (docs/performance.md, "Start-up").
const require = createRequire(import.meta.url);

export interface Progress {
  update(label: string): void;
  stop(): void;
}

export function createProgress(io: CliIo, quiet: boolean): Progress {
  if (quiet || !io.stderrIsTty) return { update: () => {}, stop: () => {} };
  const cliProgress = require('cli-progress') as typeof CliProgress;
  const bar = new cliProgress.SingleBar(
    { format: '{label}', stream: process.stderr, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (label) => {
      if (!started) {
        bar.start(1, 0, { label });
        started = true;
      } else bar.update(0, { label });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
