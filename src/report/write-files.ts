// The one EDGE file of report/: writes a set of output files so that each appears whole or not at all
// (temp file + rename), and a failure part-way leaves no temp files behind.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface OutputFile {
  readonly name: string;
  readonly content: string;
}

/** Writes every file to a temp name first, then renames them all; returns the written paths. */
export function writeFilesAtomically(dir: string, files: readonly OutputFile[]): string[] {
  mkdirSync(dir, { recursive: true });
  const staged: { temp: string; final: string }[] = [];
  try {
    for (const file of files) {
      const final = join(dir, file.name);
      // Names may hold a sub-folder (`charts/cost.svg`).
      mkdirSync(dirname(final), { recursive: true });
      const temp = `${final}.${process.pid}.tmp`;
      staged.push({ temp, final });
      writeFileSync(temp, file.content);
    }
    for (const { temp, final } of staged) renameSync(temp, final);
  } catch (error) {
    for (const { temp } of staged) rmSync(temp, { force: true });
    throw error;
  }
  return staged.map((s) => s.final);
}
