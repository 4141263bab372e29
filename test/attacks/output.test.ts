// Attacks on where ttlsim writes (docs/commands.md, "Output folders"): report names, --out, links, fit -o,
// interrupted, failing and racing writes. Each case runs bin/ttlsim.js in a fresh folder and asserts the exit
// code, the message, and every file on disk afterwards: nothing outside the report folder, no temp file,
// every input unchanged. Faults (a full disk, a signal mid-write, slow renames) are injected into the real
// process by test/fixtures/attacks/fs-faults.mjs.
import { describe, it, expect, afterAll } from 'vitest';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatIssue } from '../../src/model/errors.js';
import { cliMessages } from '../../src/cli/messages.js';
import { fitMessages } from '../../src/fit/messages.js';
import { messages as scenarioMessages } from '../../src/scenario/messages.js';

const BIN = resolve('bin/ttlsim.js');
const FAULTS = resolve('test/fixtures/attacks/fs-faults.mjs');
/** A small scenario (two hours of a batch job): each run is mostly the CLI's start-up. */
const SCENARIO = readFileSync('scenarios/scheduled-batch.yaml', 'utf8')
  .replace(/^horizon: .*$/m, 'horizon: 2h')
  .replace(/^name: .*$/m, 'name: batch');
/** A Claude Code session with usage, for replay and fit. */
const LOG = readFileSync('test/fixtures/real/spotter/short.jsonl');

const sandboxes: string[] = [];
afterAll(() => {
  for (const dir of sandboxes) rmSync(dir, { recursive: true, force: true });
});

/** A fresh `root` holding `work` (the working directory, with s.yaml and logs/session.jsonl) and `outside`. */
function sandbox(): { root: string; work: string; outside: string } {
  const root = mkdtempSync(join(tmpdir(), 'ttlsim-attack-out-'));
  sandboxes.push(root);
  const work = join(root, 'work');
  const outside = join(root, 'outside');
  mkdirSync(join(work, 'logs'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(work, 's.yaml'), SCENARIO);
  writeFileSync(join(work, 'logs', 'session.jsonl'), LOG);
  return { root, work, outside };
}

function ttlsim(cwd: string, args: string[], faults?: Record<string, string>): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [...(faults === undefined ? [] : ['--import', FAULTS]), BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, HOME: join(cwd, 'no-home'), ...faults },
    // A hang is a failure, not a stuck suite.
    timeout: 200_000,
  });
}

/** Every entry under `dir`: files by content hash, links by target, folders, and anything else by kind. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (at: string, prefix: string) => {
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      const key = prefix + name;
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) out[key] = `link → ${readlinkSync(path)}`;
      else if (stat.isDirectory()) {
        out[key] = 'folder';
        walk(path, `${key}/`);
      } else if (stat.isFile()) out[key] = createHash('sha1').update(readFileSync(path)).digest('hex');
      else out[key] = 'special';
    }
  };
  walk(dir, '');
  return out;
}

/** Names of staging folders and temp files, wherever they are under `dir`. */
const temps = (dir: string): string[] => Object.keys(tree(dir)).filter((p) => /ttlsim-|\.tmp$/.test(p));

/** The one line ttlsim prints for a problem (src/model/errors.ts). */
const line = (file: string, flag: string, message: string) =>
  `${formatIssue({ file, line: 0, column: 0, path: flag, message })}\n`;

/** A report's file names, as run writes them. */
const REPORT = /^(index\.html|summary\.json|summary\.csv|timeseries\.csv|charts|charts\/[\w-]+\.(vl\.json|svg))$/;

describe('attacks on report names and --out', { timeout: 240_000 }, () => {
  for (const name of ['..', '.']) {
    it(`a scenario named "${name}" is refused; the working directory keeps its index.html`, () => {
      const { root, work } = sandbox();
      writeFileSync(join(work, 'dots.yaml'), SCENARIO.replace(/^name: .*$/m, `name: "${name}"`));
      writeFileSync(join(work, 'index.html'), 'mine\n');
      const before = tree(root);
      const r = ttlsim(work, ['run', 'dots.yaml']);
      expect(r.status).toBe(2);
      const at = SCENARIO.split('\n').findIndex((l) => l.startsWith('name:')) + 1;
      expect(r.stderr).toBe(`dots.yaml:${at}:7: name: ${scenarioMessages.badName(name)}\n`);
      expect(tree(root)).toEqual(before);
      expect(readFileSync(join(work, 'index.html'), 'utf8')).toBe('mine\n');
    });
  }

  it('several scenarios under --out X/rep: one named ".." cannot write into X', () => {
    const { root, work } = sandbox();
    writeFileSync(join(work, 'dots.yaml'), SCENARIO.replace(/^name: .*$/m, 'name: ".."'));
    mkdirSync(join(work, 'X'));
    writeFileSync(join(work, 'X', 'index.html'), 'mine\n');
    const before = tree(root);
    const r = ttlsim(work, ['run', 's.yaml', 'dots.yaml', '--out', 'X/rep']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(scenarioMessages.badName('..'));
    expect(r.stderr.split('\n')).toHaveLength(2);
    expect(tree(root)).toEqual(before);
  });

  it('two scenarios of one name in one run are refused before either runs', () => {
    const { root, work } = sandbox();
    writeFileSync(join(work, 't.yaml'), SCENARIO);
    const before = tree(root);
    const r = ttlsim(work, ['run', 's.yaml', 't.yaml', '--out', 'both']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(line('', '', cliMessages.sameFolderTwice('batch', 's.yaml', 't.yaml')));
    expect(tree(root)).toEqual(before);
  });

  const emptyOut: [string, string[]][] = [
    ['run --out ""', ['run', 's.yaml', '--out', '']],
    ['run --out at the end of the line', ['run', 's.yaml', '--out']],
    ['replay --out ""', ['replay', 'logs', '--out', '']],
    ['tune --out ""', ['tune', 's.yaml', '--out', '']],
    ['sweep --out ""', ['sweep', 's.yaml', '--ttl', '5m,1h', '--out', '']],
  ];
  for (const [what, args] of emptyOut) {
    it(`${what} is refused and writes nothing`, () => {
      const { root, work } = sandbox();
      const before = tree(root);
      const r = ttlsim(work, args);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(line('', '--out', cliMessages.outEmpty('')));
      expect(tree(root)).toEqual(before);
    });
  }

  it('a repeated --out is refused', () => {
    const { root, work } = sandbox();
    const before = tree(root);
    const r = ttlsim(work, ['run', 's.yaml', '--out', 'a', '--out', 'b']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(line('', '--out', cliMessages.outTwice()));
    expect(tree(root)).toEqual(before);
  });

  it('an --out folder holding files ttlsim did not write is refused, and they stay', () => {
    const { root, work } = sandbox();
    mkdirSync(join(work, 'notes'));
    writeFileSync(join(work, 'notes', 'index.html'), 'mine\n');
    writeFileSync(join(work, 'notes', 'todo.txt'), 'mine\n');
    const before = tree(root);
    for (const [out, entry] of [
      ['notes', 'todo.txt'],
      ['.', 'logs'],
    ]) {
      const r = ttlsim(work, ['run', 's.yaml', '--out', out]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(line(out, '--out', cliMessages.outNotReport(entry)));
    }
    expect(tree(root)).toEqual(before);
  });

  it('--out naming a file, a link to a folder, or / is refused', () => {
    const { root, work, outside } = sandbox();
    writeFileSync(join(work, 'index.html'), 'mine\n');
    symlinkSync(outside, join(work, 'link'));
    const before = tree(root);
    const cases: [string, string][] = [
      ['index.html', cliMessages.outIsFile()],
      ['link', cliMessages.outIsLink()],
      ['/', cliMessages.outIsRoot()],
    ];
    for (const [out, message] of cases) {
      const r = ttlsim(work, ['run', 's.yaml', '--out', out]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(line(out, '--out', message));
    }
    expect(tree(root)).toEqual(before);
  });

  it('--out holding the working folder, or an input, is refused', () => {
    const { root, work } = sandbox();
    mkdirSync(join(work, 'empty'));
    expect(ttlsim(work, ['run', 's.yaml', '--out', 'rep', '--quiet']).status).toBe(0);
    // A scenario that looks like a report's file, inside the report it would replace.
    const asJson = spawnSync(process.execPath, [
      '--input-type=module',
      '-e',
      `import { parse } from 'yaml'; import { readFileSync, writeFileSync } from 'node:fs';
       writeFileSync('${join(work, 'rep', 'summary.json')}', JSON.stringify(parse(readFileSync('${join(work, 's.yaml')}', 'utf8'))));`,
    ]);
    expect(asJson.status).toBe(0);
    const before = tree(root);
    const here = ttlsim(join(work, 'empty'), ['run', '../s.yaml', '--out', '.']);
    expect(here.status).toBe(2);
    expect(here.stderr).toBe(line('.', '--out', cliMessages.outHoldsCwd()));
    const input = ttlsim(work, ['run', 'rep/summary.json', '--out', 'rep']);
    expect(input.status).toBe(2);
    expect(input.stderr).toBe(line('rep', '--out', cliMessages.outHoldsInput('rep/summary.json')));
    expect(tree(root)).toEqual(before);
  });

  it('a charts link planted in a previous report is never written through', () => {
    const { root, work, outside } = sandbox();
    expect(ttlsim(work, ['run', 's.yaml', '--out', 'rep', '--quiet']).status).toBe(0);
    rmSync(join(work, 'rep', 'charts'), { recursive: true });
    symlinkSync(outside, join(work, 'rep', 'charts'));
    const before = tree(root);
    const r = ttlsim(work, ['run', 's.yaml', '--out', 'rep']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(line('rep', '--out', cliMessages.outNotReport('charts')));
    expect(tree(root)).toEqual(before);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('a folder written by replay and then by run holds run’s files only, with the folder’s permissions', () => {
    const { root, work } = sandbox();
    expect(ttlsim(work, ['replay', 'logs', '--out', 'rep', '--quiet']).status).toBe(0);
    expect(Object.keys(tree(join(work, 'rep')))).toContain('breakdown.csv');
    chmodSync(join(work, 'rep'), 0o750);
    const r = ttlsim(work, ['run', 's.yaml', '--out', 'rep']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain(cliMessages.wroteReport(join('rep', 'index.html')));
    expect(ttlsim(work, ['run', 's.yaml', '--out', 'fresh', '--quiet']).status).toBe(0);
    expect(tree(join(work, 'rep'))).toEqual(tree(join(work, 'fresh')));
    expect(Object.keys(tree(join(work, 'rep'))).every((p) => REPORT.test(p))).toBe(true);
    expect(statSync(join(work, 'rep')).mode & 0o777).toBe(0o750);
    expect(temps(root)).toEqual([]);
  });
});

describe('attacks on fit -o', { timeout: 240_000 }, () => {
  it('never replaces a log it reads, nor writes into a folder of them, even with --force', () => {
    const { root, work } = sandbox();
    linkSync(join(work, 'logs', 'session.jsonl'), join(work, 'hardlink.jsonl'));
    const before = tree(root);
    const cases: [string[], string, string][] = [
      [['fit', 'logs', '-o', 'logs/session.jsonl'], 'logs/session.jsonl', cliMessages.fitOutInLogs('logs')],
      [['fit', 'logs', '-o', 'logs/fitted.yaml', '--force'], 'logs/fitted.yaml', cliMessages.fitOutInLogs('logs')],
      [
        ['fit', 'logs/session.jsonl', '-o', 'logs/session.jsonl', '--force'],
        'logs/session.jsonl',
        cliMessages.fitOutIsLog('logs/session.jsonl'),
      ],
      [
        ['fit', 'logs/session.jsonl', '-o', 'hardlink.jsonl', '--force'],
        'hardlink.jsonl',
        cliMessages.fitOutIsLog('logs/session.jsonl'),
      ],
    ];
    for (const [args, shown, message] of cases) {
      const r = ttlsim(work, args);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(line(shown, '--out', message));
    }
    expect(tree(root)).toEqual(before);
  });

  it('replaces a file it did not write only with --force, and its own file without', () => {
    const { root, work } = sandbox();
    writeFileSync(join(work, 'notes.yaml'), 'mine\n');
    const before = tree(root);
    const refused = ttlsim(work, ['fit', 'logs', '-o', 'notes.yaml']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(line('notes.yaml', '--out', cliMessages.fitOutNotOurs()));
    expect(tree(root)).toEqual(before);
    const forced = ttlsim(work, ['fit', 'logs', '-o', 'notes.yaml', '--force', '--quiet']);
    expect(forced.status).toBe(0);
    const fitted = readFileSync(join(work, 'notes.yaml'), 'utf8');
    expect(fitted).toMatch(/^# Fitted by `ttlsim fit` /);
    const again = ttlsim(work, ['fit', 'logs', '-o', 'notes.yaml', '--quiet']);
    expect(again.status).toBe(0);
    expect(readFileSync(join(work, 'notes.yaml'), 'utf8')).toBe(fitted);
    expect(Object.keys(tree(root)).sort()).toEqual(Object.keys(before).sort());
    expect(temps(root)).toEqual([]);
  });

  it('refuses a link, a folder or a FIFO at once', () => {
    const { root, work, outside } = sandbox();
    writeFileSync(join(outside, 'target.yaml'), 'mine\n');
    symlinkSync(join(outside, 'target.yaml'), join(work, 'link.yaml'));
    mkdirSync(join(work, 'folder'));
    expect(spawnSync('mkfifo', [join(work, 'pipe.yaml')]).status).toBe(0);
    const before = tree(root);
    const cases: [string, string][] = [
      ['link.yaml', cliMessages.outIsLink()],
      ['folder', fitMessages.outIsFolder()],
      ['pipe.yaml', cliMessages.fitOutNotFile()],
    ];
    for (const [out, message] of cases) {
      const r = ttlsim(work, ['fit', 'logs', '-o', out, '--force']);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(line(out, '--out', message));
    }
    expect(tree(root)).toEqual(before);
  });

  it('a failed write leaves no scenario and no temp file', () => {
    const { root, work } = sandbox();
    const before = tree(root);
    const r = ttlsim(work, ['fit', 'logs', '-o', 'fitted.yaml'], { TTLSIM_FAULT_CODE: 'ENOSPC' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      line('fitted.yaml', '--out', cliMessages.cannotWrite('no space left on the device', 'ENOSPC')),
    );
    expect(tree(root)).toEqual(before);
  });
});

describe('attacks on writing a report', { timeout: 240_000 }, () => {
  it('ENOSPC, EACCES or EROFS part-way through: exit 2 naming the folder, the previous report intact, no temp files', () => {
    const { root, work } = sandbox();
    expect(ttlsim(work, ['run', 's.yaml', '--out', 'rep', '--seed', '1', '--quiet']).status).toBe(0);
    const before = tree(root);
    const failures: [string, string][] = [
      ['ENOSPC', 'no space left on the device'],
      ['EACCES', 'permission denied'],
      ['EROFS', 'read-only file system'],
    ];
    for (const [code, reason] of failures) {
      const r = ttlsim(work, ['run', 's.yaml', '--out', 'rep', '--seed', '2'], {
        TTLSIM_FAULT_CODE: code,
        TTLSIM_FAULT_AFTER: '3',
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(line('rep', '--out', cliMessages.cannotWrite(reason, code)));
      expect(tree(root)).toEqual(before);
    }
  });

  it('a folder on the --out path that is a file: exit 2 naming the path', () => {
    const { root, work } = sandbox();
    writeFileSync(join(work, 'file'), 'mine\n');
    const before = tree(root);
    const r = ttlsim(work, ['run', 's.yaml', '--out', 'file/rep']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      line('file/rep', '--out', cliMessages.cannotWrite('a folder on the path is a file', 'ENOTDIR')),
    );
    expect(tree(root)).toEqual(before);
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} while writing: the staged files are removed and the previous report stays`, async () => {
      const { root, work } = sandbox();
      expect(ttlsim(work, ['run', 's.yaml', '--out', 'rep', '--seed', '1', '--quiet']).status).toBe(0);
      const before = tree(root);
      const child = spawn(process.execPath, ['--import', FAULTS, BIN, 'run', 's.yaml', '--out', 'rep', '--seed', '2'], {
        cwd: work,
        env: { ...process.env, HOME: join(work, 'no-home'), TTLSIM_FAULT_DELAY_MS: '150' },
        stdio: 'ignore',
      });
      const ended = new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, s) => done(s)));
      // Wait until it is staging (its folder beside rep), then interrupt it.
      for (let i = 0; i < 400 && temps(work).length === 0; i++) await new Promise((done) => setTimeout(done, 25));
      expect(temps(work)).not.toEqual([]);
      child.kill(signal);
      expect(await ended).toBe(signal);
      expect(tree(root)).toEqual(before);
    });
  }

  it('concurrent runs into one folder end with one run’s complete report', async () => {
    const { root, work } = sandbox();
    for (const seed of ['1', '2'])
      expect(ttlsim(work, ['run', 's.yaml', '--out', `ref${seed}`, '--seed', seed, '--quiet']).status).toBe(0);
    const references = [tree(join(work, 'ref1')), tree(join(work, 'ref2'))];
    const start = (seed: string, renameDelayMs: string) =>
      new Promise<number | null>((done) => {
        const args = ['--import', FAULTS, BIN, 'run', 's.yaml', '--out', 'rep', '--seed', seed, '--quiet'];
        const env = { ...process.env, TTLSIM_RENAME_DELAY_MS: renameDelayMs };
        spawn(process.execPath, args, { cwd: work, env, stdio: 'ignore' }).on('exit', (code) => done(code));
      });
    // A slow run (each rename takes 400 ms), and a fast one started while the slow one is writing.
    const slow = start('1', '400');
    for (let i = 0; i < 400 && temps(work).length === 0; i++) await new Promise((done) => setTimeout(done, 25));
    expect(temps(work)).not.toEqual([]);
    await new Promise((done) => setTimeout(done, 500));
    const fast = start('2', '0');
    expect(await Promise.all([slow, fast])).toEqual([0, 0]);
    expect(references).toContainEqual(tree(join(work, 'rep')));
    expect(temps(root)).toEqual([]);
  });
});
