// scenario/ (layer 2), an input EDGE shared with logs/find-logs.ts: what kind of thing an input path
// names, so that a FIFO, a device or a socket is refused at once instead of blocking an open() forever
// (a FIFO with no writer) or being read without end (/dev/zero). Folders are the caller's business:
// a scenario must be a file, a log path may be a folder.
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';

/** What a path names when it is neither a regular file nor a folder. */
export type SpecialKind = 'FIFO' | 'character device' | 'block device' | 'socket';

/** The special kind of `stats`, or null for a regular file or a folder. */
export function specialKindOf(stats: Stats): SpecialKind | null {
  if (stats.isFile() || stats.isDirectory()) return null;
  if (stats.isFIFO()) return 'FIFO';
  if (stats.isCharacterDevice()) return 'character device';
  if (stats.isBlockDevice()) return 'block device';
  return 'socket';
}

/**
 * The special kind of the path (symbolic links followed), or null for a regular file or a folder. Only
 * stats the path: nothing is opened, so a FIFO cannot block. Errors (ENOENT, EACCES) are thrown as they come.
 */
export function specialKind(path: string): SpecialKind | null {
  return specialKindOf(statSync(path));
}

/** Why `readBoundedText` refused a path that exists. */
export type RefusedInput =
  | { readonly refused: 'folder' }
  | { readonly refused: 'special'; readonly kind: SpecialKind }
  | { readonly refused: 'too large'; readonly bytes: number };

/**
 * The text of a regular file of at most `maxBytes` bytes, or why not. Opened without blocking (O_NONBLOCK:
 * a FIFO swapped in after a check cannot hang the open) and checked on the open descriptor, so what is
 * read is what was checked; reading stops after `maxBytes + 1` bytes whatever the size claims (files under
 * /proc say 0). System errors (ENOENT, EACCES) are thrown as they come.
 */
export function readBoundedText(path: string, maxBytes: number): string | RefusedInput {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return { refused: 'folder' };
    const kind = specialKindOf(stats);
    if (kind !== null) return { refused: 'special', kind };
    if (stats.size > maxBytes) return { refused: 'too large', bytes: stats.size };
    let buffer = Buffer.alloc(Math.min(maxBytes + 1, stats.size + 4096));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) return { refused: 'too large', bytes: length };
        const bigger = Buffer.alloc(Math.min(maxBytes + 1, buffer.length * 2));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) return buffer.toString('utf8', 0, length);
      length += read;
    }
  } finally {
    closeSync(fd);
  }
}
