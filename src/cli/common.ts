// Options every command shares (docs/commands.md: --json, --quiet; --seed where randomness is involved).
import type { Options } from 'yargs';

export interface CommonArgs {
  json?: boolean;
  quiet?: boolean;
}

export const seedOption: Options = {
  type: 'number',
  describe: "override the scenario's seed (an integer)",
};
