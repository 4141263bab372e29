// What share of a process's CPU time some of our modules take: the process is run once under V8's sampling
// profiler (--cpu-prof) and the samples whose function sits in those modules are counted (self time; a
// function V8 inlined into a caller elsewhere counts as the caller's, so the share is a lower bound).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs `node args` in `cwd` under the profiler; returns the share of its busy samples in files ending with `suffixes`. */
export function profileShare(args, cwd, suffixes) {
  const dir = mkdtempSync(join(tmpdir(), 'ttlsim-bench-prof-'));
  try {
    execFileSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, ...args], {
      cwd,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const profile = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), 'utf8'));
    const urlOf = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
    let busy = 0;
    let ours = 0;
    let inDist = 0;
    profile.samples.forEach((id, i) => {
      const frame = urlOf.get(id);
      const dt = profile.timeDeltas[i] ?? 0;
      if (frame.functionName === '(idle)') return;
      busy += dt;
      if (/\/dist\/(?!bundle\/)/.test(frame.url)) inDist += dt;
      if (suffixes.some((suffix) => frame.url.endsWith(suffix))) ours += dt;
    });
    // A bundled CLI names its chunks, not our files: every share would read 0%.
    if (inDist === 0)
      throw new Error(`profileShare: no samples in a module of tsc's dist/ (${args[0]} is not the unbundled CLI?)`);
    return { share: ours / busy, busySeconds: busy / 1e6 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
