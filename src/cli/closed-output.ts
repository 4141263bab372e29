// stdout and stderr that a reader may close (`ttlsim prices --json | head -1`). A closed pipe (EPIPE) is
// the reader saying it has read enough, as for other Unix tools: the rest of the output is dropped and the
// exit code stays the command's own (0 on success), with no stack. Any other write error of stdout (a
// full disk under `> file`, EIO) is unwritable output: one line on stderr and exit 2 (docs/commands.md).
import { cliMessages } from './messages.js';

/** main.ts's EXIT_INPUT: unwritable output is exit 2 (main.ts imports this file, so not imported from there). */
const EXIT_UNWRITABLE = 2;

/** The stream's error codes that mean the reader is gone. */
const READER_GONE = new Set(['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END']);

/** A writer for `stream` that survives its reader closing it; `name` is how the message names it. */
export function guardedWriter(stream: NodeJS.WritableStream, name: 'stdout' | 'stderr'): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    if (READER_GONE.has(error.code ?? '')) return;
    // Not a bug of ours and not the user's input: the output cannot be written. Only a stdout problem
    // can still be told, on stderr.
    if (name === 'stdout') process.stderr.write(`${cliMessages.cannotWriteStream(name, error.message)}\n`);
    if (!process.exitCode) process.exitCode = EXIT_UNWRITABLE;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}
