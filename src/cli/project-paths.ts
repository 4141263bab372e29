// cli/ (layer 12), EDGE: the working directory each Claude Code project folder stands for. Claude Code
// names the folder after it with every character but letters and digits replaced by `-`, so the name alone
// cannot tell `/home/me/my-app` from `/home/me/my/app`; its transcript lines carry the directory itself
// (`"cwd"`). One line of one transcript per folder is read, and kept only if it encodes to the folder's
// name; otherwise the name is read back as best it can be (replay/project-path.ts).
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { decodeProject } from '../replay/project-path.js';

const HEAD_BYTES = 64 * 1024;
const CWD = /"cwd"\s*:\s*("(?:[^"\\]|\\.)*")/;

/** Folder name → path, for the `folders` of a replay whose logs were found under `inputs`. */
export function projectPaths(
  inputs: readonly string[],
  cwd: string,
  folders: readonly string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const folder of folders) {
    if (folder === '') continue;
    out[folder] = recordedCwd(inputs, cwd, folder) ?? decodeProject(folder);
  }
  return out;
}

function recordedCwd(inputs: readonly string[], cwd: string, folder: string): string | undefined {
  for (const input of inputs) {
    const root = resolve(cwd, input);
    for (const dir of basename(root) === folder ? [root] : [join(root, folder)]) {
      try {
        if (!statSync(dir).isDirectory()) continue;
        const file = readdirSync(dir)
          .filter((name) => name.endsWith('.jsonl'))
          .sort()[0];
        if (file === undefined) continue;
        const found = CWD.exec(head(join(dir, file)));
        if (found === null) continue;
        const path = JSON.parse(found[1]) as string;
        if (path.replace(/[^A-Za-z0-9]/g, '-') === folder) return path;
      } catch {
        // Unreadable here (a permission, a race with a cleanup): the folder name is read back instead.
      }
    }
  }
  return undefined;
}

function head(path: string): string {
  const buffer = Buffer.alloc(HEAD_BYTES);
  const fd = openSync(path, 'r');
  try {
    return buffer.toString('utf8', 0, readSync(fd, buffer, 0, HEAD_BYTES, 0));
  } finally {
    closeSync(fd);
  }
}
