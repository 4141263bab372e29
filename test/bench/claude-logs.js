// A deterministic generator of a realistic Claude Code projects folder (`~/.claude/projects`), for the
// benchmark of the transcript reader and of replaying recorded traffic. Line format as in the real
// transcripts of test/fixtures/real/ (docs/log-formats.md): user / assistant /
// progress / file-history-snapshot / system / queue-operation lines, uuid → parentUuid chains, one
// assistant line per content block repeating message.id, requestId and usage (partial output_tokens
// on early lines, the final count on the last), subagent files (`<session>/subagents/agent-<id>.jsonl`,
// mirrored in the parent as agent_progress lines) and compaction calls (`agent-acompact-<hex>.jsonl`,
// followed by a compact_boundary line and the summary in the parent).
//
// The token counts are self-consistent, so that a cache simulator can reproduce them:
// - every main thread starts with the shared tools + system prefix (SHARED_PREFIX_TOKENS per model):
//   read when any earlier request of that model touched it less than that request's TTL ago, else written;
// - a request sent less than the session's TTL after the thread's previous request reads all of it
//   (read[n] = read[n-1] + write[n-1]) and writes only its new tokens (100–5,000);
// - a request after a longer gap reads only the shared prefix if still warm (else 0) and rewrites the rest;
// - when the context passes ~160k tokens a compaction call reads the thread's cache (or rewrites it when
//   cold), then the thread continues from POST_COMPACT_PREFIX_TOKENS (read) plus the summary (written);
// - subagents are their own threads on their own per-model prefix (SUBAGENT_PREFIX_TOKENS).
// The TTL of a thread's writes is in usage.cache_creation (ephemeral_5m / ephemeral_1h); a request's
// start is the timestamp of the `user` line its first assistant line points to.
//
// Determinism: one seeded alea stream drives everything (no Date.now, no Math.random), so the same seed
// and target give byte-identical files. Output is streamed through fixed buffers (fs.writeSync), so memory
// does not follow the amount written.
//
// CLI: node test/bench/claude-logs.js <dir> [targetMB=1000] [seed=42]   → prints the summary as JSON.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';

export const VERSION = '2.1.39';
export const SHARED_PREFIX_TOKENS = 17_842;
export const POST_COMPACT_PREFIX_TOKENS = 21_000;
export const SUBAGENT_PREFIX_TOKENS = {
  'claude-opus-4-6': 13_522,
  'claude-sonnet-4-5-20250929': 13_522,
  'claude-haiku-4-5-20251001': 10_136,
};
export const START_MS = Date.parse('2026-02-01T09:00:00.000Z');
const TTL_MS = { '5m': 300_000, '1h': 3_600_000 };
const OPUS = 'claude-opus-4-6';
const SONNET = 'claude-sonnet-4-5-20250929';
const HAIKU = 'claude-haiku-4-5-20251001';
const BUFFER_BYTES = 4 * 1024 * 1024;
const MAX_SNAPSHOT_CHARS = 500_000;

// ---------------------------------------------------------------------------------------------------
// Output: buffered, synchronous, counted.

const freeBuffers = [];

class Out {
  constructor(path, stats) {
    this.fd = openSync(path, 'w');
    this.buf = freeBuffers.pop() ?? Buffer.allocUnsafe(BUFFER_BYTES);
    this.pos = 0;
    this.stats = stats;
    stats.files++;
  }

  /** Writes one line (the string ends with its newline). */
  line(str) {
    this.stats.lines++;
    const worst = str.length * 3;
    if (this.pos + worst > this.buf.length) {
      this.flush();
      if (worst > this.buf.length) {
        const bytes = Buffer.from(str, 'utf8');
        writeAll(this.fd, bytes, bytes.length);
        this.stats.bytes += bytes.length;
        return;
      }
    }
    const n = this.buf.write(str, this.pos);
    this.pos += n;
    this.stats.bytes += n;
  }

  flush() {
    if (this.pos > 0) writeAll(this.fd, this.buf, this.pos);
    this.pos = 0;
  }

  close() {
    this.flush();
    closeSync(this.fd);
    freeBuffers.push(this.buf);
    this.buf = null;
  }
}

function writeAll(fd, buf, length) {
  let off = 0;
  while (off < length) off += writeSync(fd, buf, off, length - off);
}

// ---------------------------------------------------------------------------------------------------
// Random helpers on one alea stream.

const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

class Rng {
  constructor(seed) {
    this.r = seedrandom.alea(String(seed));
  }
  u() {
    return this.r();
  }
  int(a, b) {
    return a + Math.floor(this.r() * (b - a + 1));
  }
  chance(p) {
    return this.r() < p;
  }
  pick(arr) {
    return arr[Math.floor(this.r() * arr.length)];
  }
  normal() {
    const u1 = 1 - this.r();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * this.r());
  }
  logn(median, sigma) {
    return median * Math.exp(sigma * this.normal());
  }
  hex(n) {
    let s = '';
    while (s.length < n) s += (this.r.int32() >>> 0).toString(16).padStart(8, '0');
    return s.slice(0, n);
  }
  b62(n) {
    let s = '';
    while (s.length < n) {
      let x = this.r.int32() >>> 0;
      for (let k = 0; k < 5 && s.length < n; k++) {
        s += B62[x % 62];
        x = Math.floor(x / 62);
      }
    }
    return s;
  }
  uuid() {
    const h = this.hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) & 3]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

const iso = (ms) => new Date(ms).toISOString();
const clamp = (x, a, b) => (x < a ? a : x > b ? b : x);

// ---------------------------------------------------------------------------------------------------
// Text pools. All pool strings are already JSON-escaped (only `\n` and `\"` escapes, never a bare
// backslash), so a slice adjusted by `cut` can be pasted between quotes as is.

const WORDS = (
  'the a to of and in is it that for on with as this be by are we not or from at can an will if use ' +
  'function value request cache session token prefix window model context state buffer stream file path ' +
  'config test error result output input handler server client module component render query update ' +
  'return import export default async await promise event listener timeout retry limit count index ' +
  'schema field type interface option parse read write flush close open line chunk byte offset length ' +
  'user assistant message content block summary thread worker queue job task schedule policy cost price ' +
  'hit miss expire refresh sliding ttl minute hour second latency throughput memory heap allocation ' +
  'database table column migration transaction commit branch merge rebase deploy build release version ' +
  'dependency package install lint format check typecheck compile bundle route controller view template ' +
  'socket channel pubsub terminal pane window scroll resize layout style theme color font icon button ' +
  'should would could might must also then when where which while because however therefore instead ' +
  'first next last each every some all none other same different new old simple complex fast slow ' +
  'large small empty full valid invalid missing existing current previous following related specific'
).split(' ');
const IDENTS = (
  'session cache prefix tokens config handler result entry store node chain segment request response ' +
  'buffer offset ttl policy ledger cost price window thread worker queue event timer stats summary ' +
  'parser reader writer stream line record usage model key value items list map set options params ' +
  'socket pane layout terminal view assigns changeset repo query schema user account project file'
).split(' ');
const EXTS = ['ts', 'ts', 'ts', 'js', 'ex', 'exs', 'py', 'tsx', 'md', 'json', 'heex', 'go', 'rs'];
const DIRS = [
  'src',
  'lib',
  'test',
  'src/engine',
  'src/cache',
  'lib/app_web/live',
  'lib/app/services',
  'assets/js',
  'src/components',
  'test/support',
  'scripts',
  'docs',
  'config',
  'src/utils',
  'pkg/server',
];

function sentence(rng) {
  const n = rng.int(5, 22);
  let s = '';
  for (let i = 0; i < n; i++) {
    let w = rng.pick(WORDS);
    if (i === 0) w = w[0].toUpperCase() + w.slice(1);
    const r = rng.u();
    if (r < 0.04) w = '`' + rng.pick(IDENTS) + '.' + rng.pick(IDENTS) + '()`';
    else if (r < 0.06) w = '\\"' + w + '\\"';
    else if (r < 0.1 && i < n - 1) w += ',';
    s += (i ? ' ' : '') + w;
  }
  return s + (rng.chance(0.1) ? ':' : '.');
}

function makeProse(rng, chars) {
  const parts = [];
  let len = 0;
  while (len < chars) {
    let p;
    const r = rng.u();
    if (r < 0.08) p = `## ${sentence(rng).slice(0, rng.int(12, 40))}\\n\\n`;
    else if (r < 0.25) {
      p = '';
      for (let i = rng.int(2, 6); i > 0; i--) p += `- ${sentence(rng)}\\n`;
      p += '\\n';
    } else if (r < 0.3) p = `\`\`\`\\n${codeLine(rng, 0)}\\n${codeLine(rng, 1)}\\n${codeLine(rng, 1)}\\n\`\`\`\\n\\n`;
    else {
      p = '';
      for (let i = rng.int(2, 6); i > 0; i--) p += sentence(rng) + ' ';
      p += '\\n\\n';
    }
    parts.push(p);
    len += p.length;
  }
  return parts.join('');
}

function ident(rng) {
  const a = rng.pick(IDENTS);
  if (rng.chance(0.5)) return a;
  const b = rng.pick(IDENTS);
  return a + b[0].toUpperCase() + b.slice(1);
}

function codeLine(rng, depth) {
  const ind = '  '.repeat(depth);
  switch (rng.int(0, 13)) {
    case 0:
      return `${ind}const ${ident(rng)} = ${ident(rng)}.${ident(rng)}(${ident(rng)}, ${rng.int(0, 999)});`;
    case 1:
      return `${ind}def ${ident(rng)}(${ident(rng)}, ${ident(rng)}) do`;
    case 2:
      return `${ind}  |> Enum.map(&${ident(rng)}/1)`;
    case 3:
      return `${ind}if (${ident(rng)} === ${rng.int(0, 100)}) return ${ident(rng)};`;
    case 4:
      return `${ind}end`;
    case 5:
      return `${ind}}`;
    case 6:
      return '';
    case 7:
      return `${ind}// ${sentence(rng)}`;
    case 8:
      return `${ind}import { ${ident(rng)}, ${ident(rng)} } from \\"./${rng.pick(IDENTS)}/${rng.pick(IDENTS)}.js\\";`;
    case 9:
      return `${ind}${ident(rng)}: ${rng.chance(0.5) ? rng.int(0, 100000) : '\\"' + rng.pick(WORDS) + '\\"'},`;
    case 10:
      return `${ind}export function ${ident(rng)}(${ident(rng)}: ${rng.pick(['string', 'number', 'Request', 'Segment[]', 'Map<string, number>'])}): ${rng.pick(['void', 'number', 'boolean', 'Result'])} {`;
    case 11:
      return `${ind}for (const ${ident(rng)} of ${ident(rng)}.${ident(rng)}) ${ident(rng)}.push(${ident(rng)});`;
    case 12:
      return `${ind}# ${sentence(rng)}`;
    default:
      return `${ind}${ident(rng)} = ${ident(rng)}(${ident(rng)}, \\"${rng.pick(WORDS)}-${rng.int(1, 99)}\\")`;
  }
}

function makeLog(rng, chars) {
  const parts = [];
  let len = 0;
  while (len < chars) {
    let l;
    switch (rng.int(0, 9)) {
      case 0:
        l = `[info] GET /api/${rng.pick(IDENTS)}/${rng.int(1, 9999)} 200 in ${rng.int(1, 900)}ms`;
        break;
      case 1:
        l = ` ✓ test/${rng.pick(IDENTS)}/${rng.pick(IDENTS)}.test.ts (${rng.int(1, 60)} tests) ${rng.int(2, 3000)}ms`;
        break;
      case 2:
        l = `Compiling ${rng.int(1, 40)} files (.ex)`;
        break;
      case 3:
        l = `    at ${ident(rng)} (file:///home/dev/projects/app/src/${rng.pick(IDENTS)}.ts:${rng.int(1, 900)}:${rng.int(1, 80)})`;
        break;
      case 4:
        l = `warning: variable \\"${ident(rng)}\\" is unused (if the variable is not meant to be used, prefix it with an underscore)`;
        break;
      case 5:
        l = `${iso(START_MS + rng.int(0, 1e9)).slice(11, 23)} [debug] ${sentence(rng)}`;
        break;
      case 6:
        l = `src/${rng.pick(IDENTS)}/${rng.pick(IDENTS)}.ts(${rng.int(1, 500)},${rng.int(1, 80)}): error TS${rng.int(2000, 7999)}: ${sentence(rng)}`;
        break;
      case 7:
        l = `  ${rng.pick(['M', 'A', 'D', '??'])} ${rng.pick(DIRS)}/${rng.pick(IDENTS)}.${rng.pick(EXTS)}`;
        break;
      case 8:
        l = ` Test Files  ${rng.int(1, 80)} passed (${rng.int(1, 80)})\\n      Tests  ${rng.int(10, 900)} passed (${rng.int(10, 900)})`;
        break;
      default:
        l = `${rng.int(0, 99)}% ${'█'.repeat(rng.int(1, 30))} ${rng.pick(IDENTS)}`;
    }
    l += '\\n';
    parts.push(l);
    len += l.length;
  }
  return parts.join('');
}

/** A virtual source file: escaped lines with and without `cat -n` numbering, with line offsets. */
function makeVFile(rng) {
  const n = clamp(Math.round(rng.logn(220, 0.9)), 12, 3000);
  const raw = [];
  const num = [];
  const rawOff = new Int32Array(n + 1);
  const numOff = new Int32Array(n + 1);
  let ro = 0;
  let no = 0;
  let depth = 0;
  for (let i = 0; i < n; i++) {
    const l = codeLine(rng, depth);
    depth = clamp(depth + rng.int(-1, 1), 0, 4);
    const r = l + '\\n';
    const nl = String(i + 1).padStart(6) + '→' + l + '\\n';
    rawOff[i] = ro;
    numOff[i] = no;
    raw.push(r);
    num.push(nl);
    ro += r.length;
    no += nl.length;
  }
  rawOff[n] = ro;
  numOff[n] = no;
  return { lines: n, raw: raw.join(''), num: num.join(''), rawOff, numOff };
}

/**
 * A slice of about `len` characters of an escaped pool, starting at a word (prose) or line (logs) and
 * never starting or ending inside a `\x` escape.
 */
function cut(pool, len) {
  if (len >= pool.length - 300) return pool;
  let s = Math.floor(poolRng.u() * (pool.length - len - 300));
  const isLog = pool === poolLog;
  const at = isLog ? pool.indexOf('\\n', s) : pool.indexOf(' ', s);
  if (at !== -1 && at - s < 200) s = at + (isLog ? 2 : 1);
  let e = s + len;
  if (s > 0 && pool.charCodeAt(s - 1) === 92) s++;
  if (pool.charCodeAt(e - 1) === 92) e--;
  return pool.slice(s, e);
}
let poolRng = null;
let poolLog = null;

// ---------------------------------------------------------------------------------------------------
// Projects.

const PROJECTS = [
  ['spotter', 'master', 6],
  ['ttlsim', 'main', 5],
  ['ai-music', 'main', 2],
  ['webshop', 'develop', 3],
  ['infra-terraform', 'main', 1],
  ['mobile-app', 'feature/offline-sync', 2],
  ['data-pipeline', 'main', 2],
  ['spotter-worktrees/spotter-dov', 'spotter-dov', 2],
  ['docs-site', 'main', 1],
];
const PLUGIN = '$' + '{CLAUDE_PLUGIN_ROOT}';
const HOOK_SETS = [
  {
    Bash: [
      '/home/dev/.claude/hooks/guard.sh',
      `cd ${PLUGIN}/hooks && bun run ./guardian.ts`,
      `${PLUGIN}/scripts/pre-commit.sh`,
    ],
    Edit: [`${PLUGIN}/scripts/format-check.sh`],
    post: ['callback'],
  },
  {
    Bash: [`cd ${PLUGIN}/hooks && bun run ./guardian.ts`],
    post: ['callback', `${PLUGIN}/scripts/tool-call-capture.sh`],
  },
  { post: ['callback'] },
];
const STOP_HOOKS = [
  '/home/dev/.claude/hooks/tmux-waiting.sh mark',
  `cd ${PLUGIN}/hooks && bun run ./dist/on-stop-test.js`,
  `${PLUGIN}/hooks/stop-hook.sh`,
];
const ADJ = [
  'humble',
  'radiant',
  'dazzling',
  'quiet',
  'brisk',
  'gentle',
  'lucky',
  'steady',
  'vivid',
  'witty',
  'crisp',
  'mellow',
];
const VERB = [
  'seeking',
  'floating',
  'imagining',
  'wandering',
  'drifting',
  'humming',
  'sparking',
  'weaving',
  'glowing',
  'tumbling',
];
const NOUN = [
  'umbrella',
  'music',
  'barto',
  'lantern',
  'harbor',
  'meadow',
  'comet',
  'falcon',
  'pebble',
  'orchard',
  'teapot',
];
const BASH_CMDS = [
  'npm test',
  'npx vitest run',
  'npx tsc --noEmit',
  'git status',
  'git diff --stat',
  'mix test',
  'mix compile --warnings-as-errors',
  'ls -la src',
  'npm run build',
  'git log --oneline -20',
  'mix credo --strict',
  'cargo test',
  'go test ./...',
  'pytest -q',
];
const URLS = [
  'https://docs.anthropic.com/en/docs/build-with-claude/prompt-caching',
  'https://hexdocs.pm/phoenix/Phoenix.Socket.html',
  'https://github.com/xtermjs/xterm.js/issues/1343',
  'https://nodejs.org/api/fs.html',
  'https://vitest.dev/config/',
  'https://www.typescriptlang.org/tsconfig',
];
const COMPACT_PROMPT_HEAD =
  "Your task is to create a detailed summary of the conversation so far, paying close attention to the user's explicit requests and your previous actions.\\nThis summary should be thorough in capturing technical details, code patterns, and architectural decisions that would be essential for continuing development work without losing context.\\n\\nBefore providing your final summary, wrap your analysis in <analysis> tags to organize your thoughts and ensure you've covered all necessary points. In your analysis process:\\n\\n1. Chronologically analyze each message and section of the conversation. For each section thoroughly identify:\\n   - The user's explicit requests and intents\\n   - Your approach to addressing the user's requests\\n   - Key decisions, technical concepts and code patterns\\n   - Specific details like:\\n     - file names\\n     - full code snippets\\n     - function signatures\\n     - file edits\\n  - Errors that you ran into and how you fixed them\\n  - Pay special attention to specific user feedback that you received, especially if the user told you to do something differently.\\n2. Double-check for technical accuracy and completeness, addressing each required element thoroughly.\\n\\nYour summary should include the following sections:\\n\\n1. Primary Request and Intent\\n2. Key Technical Concepts\\n3. Files and Code Sections\\n4. Errors and fixes\\n5. Problem Solving\\n6. All user messages\\n7. Pending Tasks\\n8. Current Work\\n9. Optional Next Step\\n\\n";

// ---------------------------------------------------------------------------------------------------
// The generator.

class Generator {
  constructor(dir, targetBytes, seed) {
    this.dir = dir;
    this.target = targetBytes;
    this.rng = new Rng(seed);
    poolRng = this.rng;
    this.stats = { files: 0, bytes: 0, requests: 0, lines: 0 };
    /** Shared-prefix expiry per cache key (model, or model|sub): the latest touch + that toucher's TTL. */
    this.prefixExpiry = new Map();
    const rng = this.rng;
    this.prose = makeProse(rng, 1_500_000);
    this.log = makeLog(rng, 600_000);
    poolLog = this.log;
    let sig = '';
    for (let i = 0; i < 4096; i++) sig += B64[rng.int(0, 63)];
    this.sig = sig.repeat(16);
    this.vfiles = [];
    for (let i = 0; i < 48; i++) this.vfiles.push(makeVFile(rng));
    this.projects = PROJECTS.map(([name, branch, weight], i) => {
      const cwd = `/home/dev/projects/${name}`;
      const paths = [];
      for (let k = 0; k < 600; k++)
        paths.push(`${rng.pick(DIRS)}/${ident(rng)}${k % 7 === 0 ? '_' + rng.pick(IDENTS) : ''}.${rng.pick(EXTS)}`);
      return {
        cwd,
        folder: cwd.replace(/[^a-zA-Z0-9]/g, '-'),
        branch,
        weight,
        hooks: HOOK_SETS[i % HOOK_SETS.length],
        paths,
      };
    });
    this.totalWeight = this.projects.reduce((a, p) => a + p.weight, 0);
  }

  run() {
    mkdirSync(this.dir, { recursive: true });
    let t = START_MS;
    while (this.stats.bytes < this.target) {
      t = this.session(t);
      const r = this.rng.u();
      t +=
        r < 0.35
          ? this.rng.int(30_000, 240_000)
          : r < 0.7
            ? this.rng.int(300_000, 5_400_000)
            : this.rng.int(7_200_000, 50_400_000);
    }
    return { ...this.stats };
  }

  warm(key, t) {
    return t < (this.prefixExpiry.get(key) ?? -Infinity);
  }

  touch(key, t, ttlMs) {
    const e = t + ttlMs;
    if (e > (this.prefixExpiry.get(key) ?? -Infinity)) this.prefixExpiry.set(key, e);
  }

  pickProject() {
    let x = this.rng.u() * this.totalWeight;
    for (const p of this.projects) if ((x -= p.weight) < 0) return p;
    return this.projects[0];
  }

  // ---- sessions and turns ---------------------------------------------------------------------------

  session(t0) {
    const rng = this.rng;
    const project = this.pickProject();
    const sid = rng.uuid();
    const r = rng.u();
    const model = r < 0.8 ? OPUS : r < 0.92 ? SONNET : HAIKU;
    const ttl = rng.chance(0.3) ? '1h' : '5m';
    const slug = `${rng.pick(ADJ)}-${rng.pick(VERB)}-${rng.pick(NOUN)}`;
    const projDir = join(this.dir, project.folder);
    mkdirSync(projDir, { recursive: true });
    const out = new Out(join(projDir, `${sid}.jsonl`), this.stats);
    const common = `"userType":"external","cwd":"${project.cwd}","sessionId":"${sid}","version":"${VERSION}","gitBranch":"${project.branch}",`;
    const th = {
      kind: 'main',
      out,
      model,
      ttl,
      ttlMs: TTL_MS[ttl],
      ttl1h: ttl === '1h',
      head: `"isSidechain":false,${common}"slug":"${slug}",`,
      headNoSlug: `"isSidechain":false,${common}`,
      common,
      slug,
      prefixKey: model,
      prefixTokens: SHARED_PREFIX_TOKENS,
      C: 0,
      lastTouch: -Infinity,
      first: true,
      postCompact: false,
      summaryTokens: 0,
      compactAt: rng.int(155_000, 165_000),
      pending: 0,
      last: null,
      sid,
      project,
      projDir,
      sessionDirMade: false,
      mirror: null,
      tracked: '',
      trackedCount: 0,
      promptUuid: null,
      trackedPaths: new Set(),
    };
    // Some sessions track a large set of files from the start (a codemod, a generated tree): their
    // file-history snapshots are tens to hundreds of KB and are written again before every prompt.
    if (rng.chance(0.06)) {
      const n = rng.int(300, 3500);
      const parts = [];
      for (let i = 0; i < n; i++)
        parts.push(
          this.trackedEntry(
            `${rng.pick(DIRS)}/gen/${ident(rng)}_${i}.${rng.pick(EXTS)}`,
            t0 - rng.int(60_000, 86_400_000),
          ),
        );
      th.tracked = parts.join(',');
      th.trackedCount = n;
    }
    let t = t0;
    // SessionStart hooks.
    const hookUse = rng.uuid();
    for (const cmd of ['/home/dev/.claude/hooks/tmux-waiting.sh clear', 'bd prime'].slice(0, rng.int(0, 2))) {
      const u = rng.uuid();
      out.line(
        `{"parentUuid":${th.last ? `"${th.last}"` : 'null'},${th.headNoSlug}"type":"progress","data":{"type":"hook_progress","hookEvent":"SessionStart","hookName":"SessionStart:startup","command":"${cmd}"},"parentToolUseID":"${hookUse}","toolUseID":"${hookUse}","timestamp":"${iso(t)}","uuid":"${u}"}\n`,
      );
      th.last = u;
      t += rng.int(5, 60);
    }
    t += rng.int(2_000, 40_000);
    const turns = clamp(Math.round(rng.logn(11, 0.9)), 1, 120);
    for (let k = 0; k < turns; k++) {
      if (k > 0 && this.stats.bytes >= this.target) break;
      t = this.turn(th, t, k === 0);
      // Think time: lognormal, median 20 s; now and then a long break.
      if (rng.chance(0.045)) t += rng.chance(0.8) ? rng.int(600_000, 3_600_000) : rng.int(3_600_000, 18_000_000);
      else t += Math.round(clamp(rng.logn(20_000, 1.0), 1_500, 1_800_000));
    }
    out.close();
    return t;
  }

  trackedEntry(path, ms) {
    const v = this.rng.int(1, 6);
    const backup = this.rng.chance(0.15) ? 'null' : `"${this.rng.hex(16)}@v${v}"`;
    return `"${path}":{"backupFileName":${backup},"version":${v},"backupTime":"${iso(ms)}"}`;
  }

  snapshotLine(th, messageId, snapMessageId, t, update) {
    return `{"type":"file-history-snapshot","messageId":"${messageId}","snapshot":{"messageId":"${snapMessageId}","trackedFileBackups":{${th.tracked}},"timestamp":"${iso(t)}"},"isSnapshotUpdate":${update}}\n`;
  }

  turn(th, t, first) {
    const rng = this.rng;
    const out = th.out;
    if (!first && th.C + th.pending > th.compactAt) t = this.compact(th, t);
    const promptUuid = rng.uuid();
    th.promptUuid = promptUuid;
    out.line(this.snapshotLine(th, promptUuid, promptUuid, t + rng.int(5, 40), false));
    const len = rng.chance(0.05) ? rng.int(4_000, 40_000) : clamp(Math.round(rng.logn(220, 1.0)), 8, 6_000);
    const prompt = cut(this.prose, len);
    out.line(
      `{"parentUuid":${th.last ? `"${th.last}"` : 'null'},${first ? th.headNoSlug : th.head}"type":"user","message":{"role":"user","content":"${prompt}"},"uuid":"${promptUuid}","timestamp":"${iso(t)}","thinkingMetadata":{"maxThinkingTokens":31999},"todos":[],"permissionMode":"bypassPermissions"}\n`,
    );
    th.last = promptUuid;
    const turnStart = t;
    th.pending += first ? rng.int(3_500, 12_000) : Math.round(prompt.length / 3.6) + rng.int(20, 400);
    const nReq = Math.min(40, 1 + Math.floor(Math.log(1 - rng.u()) / Math.log(0.72)));
    const end = this.requests(th, promptUuid, t, nReq);
    t = end;
    if (rng.chance(0.55)) {
      const u = rng.uuid();
      const n = rng.int(1, 3);
      const infos = STOP_HOOKS.slice(0, n)
        .map((c) => `{"command":"${c}"}`)
        .join(',');
      out.line(
        `{"parentUuid":"${th.last}",${th.head}"type":"system","subtype":"stop_hook_summary","hookCount":${n},"hookInfos":[${infos}],"hookErrors":[],"preventedContinuation":false,"stopReason":"","hasOutput":true,"level":"suggestion","timestamp":"${iso(t + 20)}","uuid":"${u}","toolUseID":"${rng.uuid()}"}\n`,
      );
      th.last = u;
      t += 20;
    }
    if (rng.chance(0.6)) {
      const u = rng.uuid();
      out.line(
        `{"parentUuid":"${th.last}",${th.head}"type":"system","subtype":"turn_duration","durationMs":${t - turnStart},"timestamp":"${iso(t + 30)}","uuid":"${u}","isMeta":false}\n`,
      );
      th.last = u;
      t += 30;
    }
    return t;
  }

  /**
   * Runs nReq requests of a thread's tool loop, starting from the user line `parentUser` written at
   * `t`. Each but the last calls tools; the last answers. Returns the time of the last line.
   */
  requests(th, parentUser, t, nReq) {
    const rng = this.rng;
    let lastTs = t;
    for (let k = 0; k < nReq; k++) {
      if (th.kind === 'main' && k > 0 && th.C + th.pending > th.compactAt + 8_000) {
        t = this.compact(th, t);
        parentUser = th.last;
      }
      const final = k === nReq - 1;
      // New tokens of this request: 100–5,000, except a thread's opening context.
      const d = th.first ? th.pending : clamp(th.pending, 100, 5_000);
      th.pending = 0;
      const usage = this.usage(th, t, d);
      const msg = this.message(th, final);
      let at = t + rng.int(2_000, 6_000);
      let parent = parentUser;
      const prefix = `{"model":"${th.model}","id":"${msg.id}","type":"message","role":"assistant","content":[`;
      const mid = `],"stop_reason":null,"stop_sequence":null,"usage":`;
      const n = msg.blocks.length;
      const finalLine = rng.chance(0.94);
      for (let b = 0; b < n; b++) {
        const u = rng.uuid();
        const last = b === n - 1;
        const out = last && finalLine ? msg.output : Math.min(msg.output, rng.int(1, 30));
        const us = last && finalLine ? usage.final(out) : usage.partial(out);
        const message = `${prefix}${msg.blocks[b]}${mid}${us}}`;
        th.out.line(
          `{"parentUuid":"${parent}",${th.head}"message":${message},"requestId":"${msg.req}","type":"assistant","uuid":"${u}","timestamp":"${iso(at)}"}\n`,
        );
        if (th.mirror)
          this.mirrorLine(
            th,
            `{"type":"assistant","timestamp":"${iso(at)}","message":${message},"requestId":"${msg.req}","uuid":"${u}"}`,
            at,
          );
        if (msg.tools[b]) msg.tools[b].lineUuid = u;
        parent = u;
        lastTs = at;
        if (!last) at += rng.int(300, 1_500);
      }
      th.last = parent;
      th.pending += msg.output;
      th.lastOutput = msg.output;
      th.lastFinal = usage.final(msg.output);
      if (final) break;
      // Tools run one after the other after the message; the next request is sent with the last result.
      let tt = lastTs + rng.int(2, 15);
      for (const tool of msg.tools) {
        if (!tool) continue;
        tt = this.runTool(th, tool, tt);
      }
      if (th.kind === 'main' && rng.chance(0.02)) {
        th.out.line(
          `{"type":"queue-operation","operation":"enqueue","timestamp":"${iso(tt - 3)}","sessionId":"${th.sid}","content":"${cut(this.prose, rng.int(20, 120))}"}\n`,
        );
        th.out.line(
          `{"type":"queue-operation","operation":"remove","timestamp":"${iso(tt - 1)}","sessionId":"${th.sid}"}\n`,
        );
      }
      parentUser = th.last;
      t = tt;
      lastTs = tt;
    }
    return lastTs;
  }

  /** The usage of a request at `t` adding `d` new tokens to its thread, under the cache rules above. */
  usage(th, t, d) {
    const rng = this.rng;
    let read;
    let write;
    const warmSelf = t - th.lastTouch < th.ttlMs;
    if (th.first) {
      read = this.warm(th.prefixKey, t) ? th.prefixTokens : 0;
      write = th.prefixTokens - read + d;
      th.first = false;
    } else if (warmSelf) {
      if (th.postCompact) {
        read = POST_COMPACT_PREFIX_TOKENS;
        write = th.summaryTokens + d;
      } else {
        read = th.C;
        write = d;
      }
    } else {
      const context = th.postCompact ? POST_COMPACT_PREFIX_TOKENS + th.summaryTokens : th.C;
      read = this.warm(th.prefixKey, t) ? th.prefixTokens : 0;
      write = context - read + d;
    }
    th.postCompact = false;
    th.C = read + write;
    th.lastTouch = t;
    this.touch(th.prefixKey, t, th.ttlMs);
    this.stats.requests++;
    const input = rng.int(1, 3);
    const w5 = th.ttl1h ? 0 : write;
    const w1 = th.ttl1h ? write : 0;
    const head = `{"input_tokens":${input},"cache_creation_input_tokens":${write},"cache_read_input_tokens":${read},`;
    return {
      read,
      write,
      partial: (o) =>
        `${head}"cache_creation":{"ephemeral_5m_input_tokens":${w5},"ephemeral_1h_input_tokens":${w1}},"output_tokens":${o},"service_tier":"standard","inference_geo":"not_available"}`,
      final: (o) =>
        `${head}"output_tokens":${o},"server_tool_use":{"web_search_requests":0,"web_fetch_requests":0},"service_tier":"standard","cache_creation":{"ephemeral_1h_input_tokens":${w1},"ephemeral_5m_input_tokens":${w5}},"inference_geo":"","iterations":[]}`,
    };
  }

  /** Content blocks of one assistant message (one line each), the tools it calls and its output tokens. */
  message(th, final) {
    const rng = this.rng;
    const blocks = [];
    const tools = [];
    let chars = 0;
    if (th.model === OPUS && rng.chance(0.3)) {
      blocks.push('{"type":"text","text":"\\n\\n"}');
      tools.push(null);
    }
    if (rng.chance(0.4)) {
      const text = cut(this.prose, clamp(Math.round(rng.logn(500, 0.8)), 60, 6_000));
      const sig = cut(this.sig, rng.int(300, 1_600));
      blocks.push(`{"type":"thinking","thinking":"${text}","signature":"${sig}"}`);
      tools.push(null);
      chars += text.length;
    }
    if (final || rng.chance(0.5)) {
      const text = cut(this.prose, final ? clamp(Math.round(rng.logn(1_200, 0.9)), 20, 9_000) : rng.int(40, 400));
      blocks.push(`{"type":"text","text":"${text}"}`);
      tools.push(null);
      chars += text.length;
    }
    if (!final) {
      const n = rng.chance(0.75) ? 1 : rng.int(2, 3);
      for (let i = 0; i < n; i++) {
        const tool = this.planTool(th);
        blocks.push(
          `{"type":"tool_use","id":"${tool.id}","name":"${tool.name}","input":${tool.input},"caller":{"type":"direct"}}`,
        );
        tools.push(tool);
        chars += tool.input.length;
      }
    }
    const output = clamp(Math.round(chars / 3.8 + rng.int(1, 40)), 1, 1_500);
    const id = `msg_01${rng.b62(22)}`;
    for (const tool of tools) if (tool) tool.msgId = id;
    return { id, req: `req_011C${rng.b62(20)}`, blocks, tools, output };
  }

  // ---- tools --------------------------------------------------------------------------------------

  planTool(th) {
    const rng = this.rng;
    const p = th.project;
    const id = `toolu_01${rng.b62(22)}`;
    const r = rng.u();
    const pathIdx = rng.int(0, p.paths.length - 1);
    const rel = p.paths[pathIdx];
    const abs = `${p.cwd}/${rel}`;
    const vf = this.vfiles[pathIdx % this.vfiles.length];
    if (th.kind === 'main' && !th.mirror && r < 0.035) {
      const sub = rng.chance(0.5) ? 'haiku' : rng.chance(0.5) ? 'sonnet' : 'inherit';
      const prompt = cut(this.prose, rng.int(300, 3_000));
      const type = rng.pick(['Explore', 'Plan', 'general-purpose']);
      return {
        id,
        name: 'Task',
        sub,
        prompt,
        input: `{"description":"${cut(this.prose, rng.int(15, 40))}","subagent_type":"${type}","prompt":"${prompt}"${sub === 'inherit' ? '' : `,"model":"${sub}"`}}`,
      };
    }
    if (r < 0.33) {
      const total = vf.lines;
      const n = Math.min(total, clamp(Math.round(rng.logn(140, 0.8)), 5, 400));
      const start = n < total && rng.chance(0.3) ? rng.int(0, total - n) : 0;
      const content = vf.num.slice(vf.numOff[start], vf.numOff[start + n]);
      const raw = vf.raw.slice(vf.rawOff[start], vf.rawOff[start + n]);
      const input = start > 0 ? `{"file_path":"${abs}","offset":${start + 1},"limit":${n}}` : `{"file_path":"${abs}"}`;
      return {
        id,
        name: 'Read',
        input,
        content,
        tokens: content.length / 3.4,
        exec: rng.int(5, 200),
        tur: `{"type":"text","file":{"filePath":"${abs}","content":"${raw}","numLines":${n},"startLine":${start + 1},"totalLines":${total}}}`,
      };
    }
    if (r < 0.55) {
      const cmd = rng.pick(BASH_CMDS);
      const empty = rng.chance(0.15);
      const stdout = empty ? '' : cut(this.log, clamp(Math.round(rng.logn(700, 1.2)), 30, 14_000));
      const error = !empty && rng.chance(0.05);
      const content = error ? `Exit code 1\\n${stdout}` : stdout === '' ? '(No content)' : stdout;
      const tur = error
        ? `"Error: Exit code 1\\n${stdout}"`
        : `{"stdout":"${stdout}","stderr":"","interrupted":false,"isImage":false,"noOutputExpected":false}`;
      return {
        id,
        name: 'Bash',
        input: `{"command":"${cmd}","description":"${cut(this.prose, rng.int(15, 50))}"}`,
        content,
        error,
        tokens: content.length / 3.6,
        exec: Math.round(clamp(rng.logn(2_000, 1.2), 50, 120_000)),
        tur,
      };
    }
    if (r < 0.72) {
      const a = rng.int(0, vf.lines - 1);
      const b = Math.min(vf.lines, a + rng.int(1, 8));
      const oldS = vf.raw.slice(vf.rawOff[a], vf.rawOff[b] - 2);
      const newS = `${oldS}\\n${codeLine(rng, 1)}`;
      const s0 = Math.max(0, a - 4);
      const s1 = Math.min(vf.lines, b + 5);
      const content = `The file ${abs} has been updated. Here's the result of running \`cat -n\` on a snippet of the edited file:\\n${vf.num.slice(vf.numOff[s0], vf.numOff[s1])}`;
      const patchLines = [];
      for (let i = a; i < b; i++) patchLines.push(`"-${vf.raw.slice(vf.rawOff[i], vf.rawOff[i + 1] - 2)}"`);
      for (let i = a; i < b; i++) patchLines.push(`"+${vf.raw.slice(vf.rawOff[i], vf.rawOff[i + 1] - 2)}"`);
      const tur = `{"filePath":"${abs}","oldString":"${oldS}","newString":"${newS}","originalFile":"${vf.raw}","structuredPatch":[{"oldStart":${a + 1},"oldLines":${b - a},"newStart":${a + 1},"newLines":${b - a + 1},"lines":[${patchLines.join(',')}]}],"userModified":false,"replaceAll":false}`;
      return {
        id,
        name: 'Edit',
        input: `{"file_path":"${abs}","old_string":"${oldS}","new_string":"${newS}"}`,
        content,
        tokens: content.length / 3.6,
        exec: rng.int(20, 300),
        tur,
        edits: rel,
      };
    }
    if (r < 0.83) {
      const k = rng.int(3, 50);
      const parts = [];
      for (let i = 0; i < k; i++) {
        const f = this.vfiles[(pathIdx + i) % this.vfiles.length];
        const li = rng.int(0, f.lines - 1);
        parts.push(
          `${p.cwd}/${p.paths[(pathIdx + i * 7) % p.paths.length]}:${li + 1}:${f.raw.slice(f.rawOff[li], f.rawOff[li + 1] - 2)}`,
        );
      }
      const content = parts.join('\\n');
      return {
        id,
        name: 'Grep',
        input: `{"pattern":"${ident(rng)}","path":"${p.cwd}","output_mode":"content","-n":true}`,
        content,
        tokens: content.length / 3.6,
        exec: rng.int(30, 900),
        tur: `{"mode":"content","numFiles":${Math.ceil(k / 3)},"filenames":[],"content":"${content}","numLines":${k}}`,
      };
    }
    if (r < 0.9) {
      const k = rng.int(1, 90);
      const names = [];
      for (let i = 0; i < k; i++) names.push(`${p.cwd}/${p.paths[(pathIdx + i * 13) % p.paths.length]}`);
      const content = names.join('\\n');
      return {
        id,
        name: 'Glob',
        input: `{"pattern":"${rng.pick(DIRS)}/**/*.${rng.pick(EXTS)}"}`,
        content,
        tokens: content.length / 3.6,
        exec: rng.int(20, 600),
        tur: `{"filenames":[${names.map((x) => `"${x}"`).join(',')}],"durationMs":${rng.int(5, 600)},"numFiles":${k},"truncated":false}`,
      };
    }
    if (r < 0.95) {
      const n = Math.min(vf.lines, rng.int(10, 250));
      const body = vf.raw.slice(0, vf.rawOff[n]);
      const path = `${p.cwd}/${rel.replace(/\.(\w+)$/, `_${rng.int(1, 99)}.$1`)}`;
      return {
        id,
        name: 'Write',
        input: `{"file_path":"${path}","content":"${body}"}`,
        content: `File created successfully at: ${path}`,
        tokens: 20,
        exec: rng.int(10, 200),
        tur: `{"type":"create","filePath":"${path}","content":"${body}","structuredPatch":[],"originalFile":null}`,
        edits: path.slice(p.cwd.length + 1),
      };
    }
    const url = rng.pick(URLS);
    const result = cut(this.prose, clamp(Math.round(rng.logn(2_500, 0.7)), 200, 14_000));
    const ms = rng.int(1_500, 12_000);
    return {
      id,
      name: 'WebFetch',
      input: `{"url":"${url}","prompt":"${cut(this.prose, rng.int(60, 220))}"}`,
      content: result,
      tokens: result.length / 3.8,
      exec: ms,
      tur: `{"bytes":${rng.int(20_000, 400_000)},"code":200,"codeText":"OK","result":"${result}","durationMs":${ms},"url":"${url}"}`,
    };
  }

  hook(th, event, tool, parent, cmd, t) {
    const u = this.rng.uuid();
    th.out.line(
      `{"parentUuid":"${parent}",${th.head}"type":"progress","data":{"type":"hook_progress","hookEvent":"${event}","hookName":"${event}:${tool.name}","command":"${cmd}"},"parentToolUseID":"${tool.id}","toolUseID":"${tool.id}","timestamp":"${iso(t)}","uuid":"${u}"}\n`,
    );
    return u;
  }

  /** Hooks, the tool's run (a subagent for Task) and its tool_result line. Returns the result's time. */
  runTool(th, tool, t) {
    const rng = this.rng;
    const hooks = th.project.hooks;
    let chain = tool.lineUuid;
    for (const cmd of hooks[tool.name] ?? [])
      chain = this.hook(th, 'PreToolUse', tool, chain, cmd, (t += rng.int(0, 3)));
    let content;
    let tur;
    let tokens;
    if (tool.name === 'Task') {
      const res = this.subagent(th, tool, t);
      t = res.end;
      content = `[{"type":"text","text":"${res.text}"}]`;
      tur = `{"status":"completed","prompt":"${tool.prompt}","agentId":"${res.agentId}","content":[{"type":"text","text":"${res.text}"}],"totalDurationMs":${res.duration},"totalTokens":${res.totalTokens},"totalToolUseCount":${res.toolUses},"usage":${res.usage}}`;
      tokens = res.text.length / 3.8;
    } else {
      t += tool.exec;
      content = `"${tool.content}"`;
      tur = tool.tur;
      tokens = tool.tokens;
    }
    for (const cmd of hooks.post) chain = this.hook(th, 'PostToolUse', tool, chain, cmd, (t += rng.int(1, 5)));
    const u = rng.uuid();
    const ts = (t += rng.int(0, 3));
    const message = `{"role":"user","content":[{"tool_use_id":"${tool.id}","type":"tool_result","content":${content},"is_error":${tool.error === true}}]}`;
    th.out.line(
      `{"parentUuid":"${tool.lineUuid}",${th.head}"type":"user","message":${message},"uuid":"${u}","timestamp":"${iso(ts)}","toolUseResult":${tur},"sourceToolAssistantUUID":"${tool.lineUuid}"}\n`,
    );
    if (th.mirror)
      this.mirrorLine(
        th,
        `{"type":"user","message":${message},"uuid":"${u}","timestamp":"${iso(ts)}","toolUseResult":${tur}}`,
        ts,
      );
    th.last = u;
    th.pending += Math.round(tokens) + rng.int(5, 40);
    if (tool.edits && th.kind === 'main') this.trackEdit(th, tool.edits, ts);
    return t;
  }

  trackEdit(th, rel, ts) {
    if (!th.trackedPaths.has(rel) && th.tracked.length < MAX_SNAPSHOT_CHARS) {
      th.trackedPaths.add(rel);
      const e = this.trackedEntry(rel, ts);
      th.tracked = th.tracked === '' ? e : `${th.tracked},${e}`;
      th.trackedCount++;
    }
    if (this.rng.chance(0.35)) th.out.line(this.snapshotLine(th, this.rng.uuid(), th.promptUuid, ts + 2, true));
  }

  sessionDir(th) {
    const d = join(th.projDir, th.sid, 'subagents');
    if (!th.sessionDirMade) mkdirSync(d, { recursive: true });
    th.sessionDirMade = true;
    return d;
  }

  // ---- subagents ----------------------------------------------------------------------------------

  /** An agent_progress line in the parent mirroring one line of a running subagent. */
  mirrorLine(th, inner, t) {
    const m = th.mirror;
    const u = this.rng.uuid();
    m.parent.out.line(
      `{"parentUuid":"${m.last}",${m.parent.head}"type":"progress","data":{"message":${inner},"normalizedMessages":[],"type":"agent_progress","prompt":"${m.prompt}","agentId":"${m.agentId}"},"toolUseID":"agent_${m.msgId}","parentToolUseID":"${m.toolId}","uuid":"${u}","timestamp":"${iso(t + 1)}"}\n`,
    );
    m.last = u;
  }

  subagent(parent, tool, t0) {
    const rng = this.rng;
    const agentId = `a${rng.hex(6)}`;
    const model = tool.sub === 'haiku' ? HAIKU : tool.sub === 'sonnet' ? SONNET : parent.model;
    const ttl = rng.chance(0.15) ? '1h' : '5m';
    const out = new Out(join(this.sessionDir(parent), `agent-${agentId}.jsonl`), this.stats);
    const p = parent.project;
    const th = {
      kind: 'subagent',
      out,
      model,
      ttl,
      ttlMs: TTL_MS[ttl],
      ttl1h: ttl === '1h',
      head: `"isSidechain":true,${parent.common}"agentId":"${agentId}","slug":"${parent.slug}",`,
      prefixKey: `${model}|sub`,
      prefixTokens: SUBAGENT_PREFIX_TOKENS[model],
      C: 0,
      lastTouch: -Infinity,
      first: true,
      postCompact: false,
      summaryTokens: 0,
      pending: Math.round(tool.prompt.length / 3.6) + rng.int(200, 2_000),
      last: null,
      sid: parent.sid,
      project: p,
      mirror: { parent, last: tool.lineUuid, prompt: tool.prompt, agentId, msgId: tool.msgId, toolId: tool.id },
    };
    const promptUuid = rng.uuid();
    const ts = t0 + rng.int(1, 5);
    const message = `{"role":"user","content":"${tool.prompt}"}`;
    out.line(
      `{"parentUuid":null,${th.head}"type":"user","message":${message},"uuid":"${promptUuid}","timestamp":"${iso(ts)}"}\n`,
    );
    this.mirrorLine(th, `{"type":"user","message":${message},"uuid":"${promptUuid}","timestamp":"${iso(ts)}"}`, ts);
    const requestsBefore = this.stats.requests;
    const n = rng.int(3, 25);
    const end = this.requests(th, promptUuid, ts, n);
    out.close();
    // The final answer of the subagent (its last text block) is what the Task returns.
    const text = cut(this.prose, clamp(Math.round(rng.logn(2_500, 0.8)), 200, 16_000));
    return {
      end: end + rng.int(5, 50),
      text,
      agentId,
      duration: end - t0,
      totalTokens: th.C + th.lastOutput,
      toolUses: this.stats.requests - requestsBefore - 1,
      usage: th.lastFinal,
    };
  }

  // ---- compaction ---------------------------------------------------------------------------------

  /**
   * An automatic compaction at `t`: a compaction call (its own file) reads the thread's cache (or
   * rewrites it when cold) and writes the summary; the parent gets a compact_boundary line and the
   * summary as a user line; the thread then continues from POST_COMPACT_PREFIX_TOKENS + the summary.
   */
  compact(th, t) {
    const rng = this.rng;
    const hex = rng.hex(6);
    const agentId = `acompact-${hex}`;
    const out = new Out(join(this.sessionDir(th), `agent-${agentId}.jsonl`), this.stats);
    const head = `"isSidechain":true,${th.common}"agentId":"${agentId}","slug":"${th.slug}",`;
    const promptUuid = rng.uuid();
    const promptText = COMPACT_PROMPT_HEAD + cut(this.prose, rng.int(1_000, 8_000));
    out.line(
      `{"parentUuid":"${th.last}",${head}"type":"user","message":{"role":"user","content":"${promptText}"},"uuid":"${promptUuid}","timestamp":"${iso(t)}"}\n`,
    );
    const tail = rng.int(2_000, 9_000);
    let read;
    let write;
    if (t - th.lastTouch < th.ttlMs) {
      read = th.C;
      write = tail;
    } else {
      read = this.warm(th.prefixKey, t) ? th.prefixTokens : 0;
      write = th.C - read + tail;
    }
    const preTokens = th.C + th.pending;
    th.lastTouch = t;
    this.touch(th.prefixKey, t, th.ttlMs);
    this.stats.requests++;
    const summary = cut(this.prose, clamp(Math.round(rng.logn(16_000, 0.5)), 6_000, 40_000));
    const output = Math.round(summary.length / 3.8);
    const w5 = th.ttl1h ? 0 : write;
    const w1 = th.ttl1h ? write : 0;
    const at = t + rng.int(20_000, 90_000);
    out.line(
      `{"parentUuid":"${promptUuid}",${head}"message":{"model":"${th.model}","id":"msg_01${rng.b62(22)}","type":"message","role":"assistant","content":[{"type":"text","text":"\\n\\n<analysis>\\n${summary}"}],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":3,"cache_creation_input_tokens":${write},"cache_read_input_tokens":${read},"output_tokens":${output},"server_tool_use":{"web_search_requests":0,"web_fetch_requests":0},"service_tier":"standard","cache_creation":{"ephemeral_1h_input_tokens":${w1},"ephemeral_5m_input_tokens":${w5}},"inference_geo":"","iterations":[]}},"requestId":"req_011C${rng.b62(20)}","type":"assistant","uuid":"${rng.uuid()}","timestamp":"${iso(at)}"}\n`,
    );
    out.close();
    const boundary = rng.uuid();
    th.out.line(
      `{"parentUuid":null,"logicalParentUuid":"${th.last}",${th.head}"type":"system","subtype":"compact_boundary","content":"Conversation compacted","isMeta":false,"timestamp":"${iso(at + 300)}","uuid":"${boundary}","level":"info","compactMetadata":{"trigger":"auto","preTokens":${preTokens}}}\n`,
    );
    const su = rng.uuid();
    th.out.line(
      `{"parentUuid":"${boundary}",${th.head}"type":"user","message":{"role":"user","content":"This session is being continued from a previous conversation that ran out of context. The summary below covers the earlier portion of the conversation.\\n\\n${summary}"},"isVisibleInTranscriptOnly":true,"isCompactSummary":true,"uuid":"${su}","timestamp":"${iso(at + 310)}"}\n`,
    );
    th.last = su;
    th.postCompact = true;
    th.summaryTokens = output + rng.int(100, 400);
    return at + 310;
  }
}

/**
 * Writes a Claude Code projects folder of about `targetBytes` into `dir` (`<dir>/<project>/<session>.jsonl`
 * plus subagent and compaction files). Same seed and target → byte-identical files.
 */
export function writeClaudeProjects(dir, { targetBytes = 1_000_000_000, seed = 42 } = {}) {
  return new Generator(dir, targetBytes, seed).run();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, mb = '1000', seed = '42'] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node test/bench/claude-logs.js <dir> [targetMB=1000] [seed=42]');
    process.exit(2);
  }
  const t0 = process.hrtime.bigint();
  const summary = writeClaudeProjects(dir, { targetBytes: Number(mb) * 1e6, seed: Number(seed) });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(
    JSON.stringify({
      dir,
      ...summary,
      seconds: Number(seconds.toFixed(3)),
      mbPerSecond: Number((summary.bytes / 1e6 / seconds).toFixed(1)),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}
