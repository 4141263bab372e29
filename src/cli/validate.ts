// `ttlsim validate <files…>`: check scenario files without running them; every problem of every file
// is printed as file:line:col: field: message, and any problem makes the exit code 2.
import type { Argv } from 'yargs';
import { validateScenarioFiles } from '../run/scenario-files.js';
import { formatIssue } from '../model/errors.js';
import type { CliIo } from './io.js';
import { cliMessages } from './messages.js';
import type { CommonArgs } from './common.js';
import { maxRequestsOption, workLimitsFrom } from './max-requests.js';

interface ValidateArgs extends CommonArgs {
  scenario: string[];
  maxRequests?: string;
}

/** Set by the handler: validate reports problems itself, so it returns an exit code rather than throwing. */
export interface ExitCodeBox {
  code: number;
}

export function registerValidate(cli: Argv, io: CliIo, exit: ExitCodeBox): Argv {
  return cli.command(
    'validate <scenario..>',
    'check scenario files without running them',
    (y) =>
      y
        .positional('scenario', { type: 'string', array: true, describe: 'scenario files (YAML or JSON)' })
        .option('max-requests', maxRequestsOption),
    (args) => {
      exit.code = validateCommand(args as unknown as ValidateArgs, io);
    },
  );
}

function validateCommand(args: ValidateArgs, io: CliIo): number {
  const shown = validateScenarioFiles(args.scenario, io.cwd, workLimitsFrom(args.maxRequests));
  if (args.json === true) {
    io.stdout(`${JSON.stringify(shown, null, 2)}\n`);
  } else {
    for (const report of shown) {
      if (report.ok) {
        if (args.quiet !== true) io.stdout(`${cliMessages.validOk(report.file)}\n`);
      } else {
        for (const issue of report.issues) io.stderr(`${formatIssue(issue)}\n`);
      }
    }
    const ok = shown.filter((r) => r.ok).length;
    if (args.quiet !== true) io.stdout(`${cliMessages.validSummary(ok, shown.length)}\n`);
  }
  return shown.every((r) => r.ok) ? 0 : 2;
}
