// model/ (layer 0): the two kinds of error (docs/architecture.md): InputError is the user's input being
// wrong (exit 2, one clear message per problem, no stack); anything else is our bug (exit 1 with the stack).

/** One located problem with the user's input. */
export interface InputIssue {
  /** File the problem is in ('' for command-line problems). */
  readonly file: string;
  /** 1-based line and column, 0 when unknown. */
  readonly line: number;
  readonly column: number;
  /** Dotted field path, e.g. `policies[1].ttl` ('' when the whole file is at fault). */
  readonly path: string;
  readonly message: string;
}

export class InputError extends Error {
  readonly issues: readonly InputIssue[];
  constructor(issues: readonly InputIssue[]) {
    super(issues.map(formatIssue).join('\n'));
    this.name = 'InputError';
    this.issues = issues;
  }
}

/** `scenarios/x.yaml:14:9: policies[1].ttl: expected a duration like "5m", got "10"`. */
export function formatIssue(issue: InputIssue): string {
  const where =
    issue.file === ''
      ? ''
      : issue.line > 0
        ? `${issue.file}:${issue.line}${issue.column > 0 ? `:${issue.column}` : ''}: `
        : `${issue.file}: `;
  const field = issue.path === '' ? '' : `${issue.path}: `;
  return `${where}${field}${issue.message}`;
}

export function isInputError(error: unknown): error is InputError {
  return error instanceof InputError;
}

/** Shorthand for a single problem. */
export function inputError(file: string, path: string, message: string, line = 0, column = 0): InputError {
  return new InputError([{ file, line, column, path, message }]);
}
