// `sessions` workload: conversations and agent loops (Claude Code, support bots, document agents).
// Sessions start as a (profile-modulated) Poisson process; each runs turns of tool-loop requests, think
// times with occasional long breaks, context growth, compaction and subagents. Only open threads are
// held, in a heap (util/min-heap.ts) by next request time, ties by creation order, so memory follows
// concurrency, not the length of the run.
import type { SessionsWorkload } from '../model/scenario.js';
import type { Request, Segment } from '../model/request.js';
import type { Rng } from './rng.js';
import { compileDist, compileIntDist, compileTokenDist, type Sampler } from './distributions.js';
import { acceptAt } from './profile.js';
import { MinHeap } from '../util/min-heap.js';
import { Thread } from './session-thread.js';
import type { SegmentKeys } from './segment-keys.js';

/** A compaction call runs first; the user's request follows this long after it (the summary streams back). */
export const COMPACTION_DELAY_MS = 5000;
/** A subagent starts this long after the first request of the turn that spawned it. */
export const SUBAGENT_DELAY_MS = 1000;

interface MainState {
  readonly turns: number;
  turn: number;
  /** Requests left in the current turn. */
  remainingInTurn: number;
  /** The next request opens a turn (subagents are spawned there). */
  firstOfTurn: boolean;
  /** A compaction call was just made: the next step sends the user's request, whatever the context. */
  justCompacted: boolean;
  compactions: number;
  subagents: number;
}

interface SubagentState {
  remaining: number;
}

type ThreadState =
  { readonly kind: 'main'; readonly main: MainState } | { readonly kind: 'subagent'; readonly sub: SubagentState };

export class SessionArrivals implements Iterator<Request> {
  private readonly threads = new MinHeap<Thread>(64);
  private readonly states = new Map<Thread, ThreadState>();
  private readonly base: Segment[][];
  private readonly subagentSystem: Segment | null;
  private nextSessionAtMs: number;
  /**
   * The Poisson clock of session starts, unrounded: gaps add up exactly and only the start time handed out
   * is floored to a whole ms. Rounding each gap first (and at least 1 ms) would cap the rate at 1/ms and
   * skew it long before that (500/s gave 10% fewer sessions).
   */
  private sessionClockMs = 0;
  private sessionCount = 0;
  private threadCount = 0;
  private readonly arrivalRng: Rng;
  private readonly shapeRng: Rng;
  private readonly gapRng: Rng;
  private readonly tokenRng: Rng;
  private readonly subagentRng: Rng;
  private readonly profileRng: Rng;
  private readonly draw: {
    turns: Sampler;
    requestsPerTurn: Sampler;
    toolGap: Sampler;
    thinkTime: Sampler;
    longBreak: Sampler;
    userMessage: Sampler;
    toolResult: Sampler;
    output: Sampler;
    subRequests: Sampler;
    subGap: Sampler;
    subTask: Sampler;
    subToolResult: Sampler;
    subOutput: Sampler;
  };

  constructor(
    private readonly spec: SessionsWorkload,
    rng: Rng,
    private readonly horizonMs: number,
    private readonly keys: SegmentKeys,
  ) {
    this.arrivalRng = rng.fork('arrivals');
    this.shapeRng = rng.fork('shape');
    this.gapRng = rng.fork('gaps');
    this.tokenRng = rng.fork('tokens');
    this.subagentRng = rng.fork('subagents');
    this.profileRng = rng.fork('profile');
    const constant = { dist: 'constant', value: 0 } as const;
    const sub = spec.subagents;
    this.draw = {
      turns: compileIntDist(spec.turns),
      requestsPerTurn: compileIntDist(spec.requestsPerTurn),
      toolGap: compileDist(spec.toolGapMs),
      thinkTime: compileDist(spec.thinkTimeMs),
      longBreak: compileDist(spec.longBreakMs),
      userMessage: compileTokenDist(spec.prompt.userMessageTokens),
      toolResult: compileTokenDist(spec.prompt.toolResultTokens),
      output: compileTokenDist(spec.prompt.outputTokens),
      subRequests: compileIntDist(sub?.requests ?? constant),
      subGap: compileDist(sub?.gapMs ?? constant),
      subTask: compileTokenDist(sub?.taskTokens ?? constant),
      subToolResult: compileTokenDist(sub?.toolResultTokens ?? constant),
      subOutput: compileTokenDist(sub?.outputTokens ?? constant),
    };
    const prefix = `${spec.label}/${spec.scope}`;
    const { toolsTokens, systemTokens, projectTokens, projects } = spec.prompt;
    const shared = (id: string, tokens: number, role: string, breakpoint: boolean): Segment => ({
      id,
      key: keys.of(id),
      tokens,
      role,
      breakpoint,
    });
    const tools = shared(`${prefix}/tools`, toolsTokens, 'tools', false);
    const system = shared(`${prefix}/system`, systemTokens, 'system', true);
    this.base = Array.from({ length: projects }, (_, p) =>
      projectTokens > 0
        ? [tools, system, shared(`${prefix}/project${p}`, projectTokens, 'project', true)]
        : [tools, system],
    );
    this.subagentSystem = sub === null ? null : shared(`${prefix}/subagent-system`, sub.systemTokens, 'system', true);
    this.nextSessionAtMs = this.drawSessionStart();
  }

  next(): IteratorResult<Request> {
    for (;;) {
      const thread = this.threads.peek();
      // Sessions starting before (or with) the earliest open thread's request open first.
      if (this.nextSessionAtMs < this.horizonMs && (thread === undefined || this.nextSessionAtMs <= thread.nextAtMs)) {
        this.openSession(this.nextSessionAtMs);
        this.nextSessionAtMs = this.drawSessionStart();
        continue;
      }
      if (thread === undefined || thread.nextAtMs >= this.horizonMs) return { done: true, value: undefined };
      this.threads.pop();
      const request = this.step(thread);
      return { done: false, value: request };
    }
  }

  /** The next session start (whole ms; several may share one), thinned by the profile; ≥ horizon ends them. */
  private drawSessionStart(): number {
    for (;;) {
      this.sessionClockMs += -Math.log(1 - this.arrivalRng.next()) / this.spec.arrivalRatePerMs;
      const atMs = Math.floor(this.sessionClockMs);
      if (atMs >= this.horizonMs || acceptAt(this.spec.profile, atMs, this.profileRng)) return atMs;
    }
  }

  private openSession(atMs: number): void {
    const index = this.sessionCount++;
    const sessionId = `${this.spec.label}/s${index}`;
    const project = this.base.length === 1 ? 0 : Math.floor(this.shapeRng.next() * this.base.length);
    const thread = new Thread(this.threadCount++, sessionId, 'main', sessionId, this.base[project], atMs, this.keys);
    const turns = Math.max(1, this.draw.turns(this.shapeRng));
    const main: MainState = {
      turns,
      turn: 0,
      remainingInTurn: Math.max(1, this.draw.requestsPerTurn(this.shapeRng)),
      firstOfTurn: true,
      justCompacted: false,
      compactions: 0,
      subagents: 0,
    };
    thread.appendHistory(this.draw.userMessage(this.tokenRng));
    this.states.set(thread, { kind: 'main', main });
    this.threads.push(thread.nextAtMs, thread.order, thread);
  }

  /** Emits the thread's request due now and schedules what follows it. */
  private step(thread: Thread): Request {
    const state = this.states.get(thread)!;
    return state.kind === 'main' ? this.stepMain(thread, state.main) : this.stepSubagent(thread, state.sub);
  }

  private stepMain(thread: Thread, main: MainState): Request {
    const atMs = thread.nextAtMs;
    const { prompt, compaction } = this.spec;
    // 1. Prompt (context plus tail) past the threshold: the compaction call goes now, the user's request a
    //    little later. Never before the first request, and never twice in a row (a summary that is itself
    //    over the threshold must not loop).
    if (
      compaction !== null &&
      !main.justCompacted &&
      thread.sent > 0 &&
      thread.contextTokens + prompt.tailTokens > compaction.thresholdTokens
    ) {
      const call = thread.request(
        atMs,
        this.spec.scope,
        this.spec.model,
        prompt.tailTokens,
        compaction.summaryTokens,
        `${thread.threadId}/compact${main.compactions}`,
        'compaction',
      );
      // The summary replaces the history; the content this request was about to add comes after it.
      const pendingTokens = thread.lastAppendedTokens;
      thread.compact(compaction.summaryTokens, main.compactions++);
      thread.appendHistory(pendingTokens);
      main.justCompacted = true;
      thread.nextAtMs = atMs + COMPACTION_DELAY_MS;
      this.threads.push(thread.nextAtMs, thread.order, thread);
      return call;
    }
    main.justCompacted = false;
    // 2. The request itself.
    const output = this.draw.output(this.tokenRng);
    const request = thread.request(atMs, this.spec.scope, this.spec.model, prompt.tailTokens, output);
    thread.sent++;
    if (main.firstOfTurn) {
      main.firstOfTurn = false;
      this.maybeSpawnSubagent(thread, main, atMs);
    }
    main.remainingInTurn--;
    // 3. What comes next: another tool-loop request, the next turn after a think time, or the end.
    if (main.remainingInTurn > 0) {
      thread.appendHistory(output + this.draw.toolResult(this.tokenRng));
      thread.nextAtMs = atMs + Math.max(1, Math.round(this.draw.toolGap(this.gapRng)));
      this.threads.push(thread.nextAtMs, thread.order, thread);
    } else if (++main.turn < main.turns) {
      main.remainingInTurn = Math.max(1, this.draw.requestsPerTurn(this.shapeRng));
      main.firstOfTurn = true;
      thread.appendHistory(output + this.draw.userMessage(this.tokenRng));
      const longBreak = this.spec.longBreakProbability > 0 && this.gapRng.next() < this.spec.longBreakProbability;
      const gapMs = longBreak ? this.draw.longBreak(this.gapRng) : this.draw.thinkTime(this.gapRng);
      thread.nextAtMs = atMs + Math.max(1, Math.round(gapMs));
      this.threads.push(thread.nextAtMs, thread.order, thread);
    } else {
      this.states.delete(thread);
    }
    return request;
  }

  private maybeSpawnSubagent(parent: Thread, main: MainState, atMs: number): void {
    const sub = this.spec.subagents;
    if (sub === null || this.subagentSystem === null || this.subagentRng.next() >= sub.probability) return;
    const threadId = `${parent.threadId}/a${main.subagents++}`;
    const thread = new Thread(
      this.threadCount++,
      threadId,
      'subagent',
      parent.sessionId,
      [this.subagentSystem],
      atMs + SUBAGENT_DELAY_MS,
      this.keys,
    );
    thread.appendHistory(this.draw.subTask(this.tokenRng));
    this.states.set(thread, {
      kind: 'subagent',
      sub: { remaining: Math.max(1, this.draw.subRequests(this.subagentRng)) },
    });
    this.threads.push(thread.nextAtMs, thread.order, thread);
  }

  private stepSubagent(thread: Thread, sub: SubagentState): Request {
    const atMs = thread.nextAtMs;
    const output = this.draw.subOutput(this.tokenRng);
    const request = thread.request(atMs, this.spec.scope, this.spec.model, this.spec.prompt.tailTokens, output);
    thread.sent++;
    if (--sub.remaining > 0) {
      thread.appendHistory(output + this.draw.subToolResult(this.tokenRng));
      thread.nextAtMs = atMs + Math.max(1, Math.round(this.draw.subGap(this.subagentRng)));
      this.threads.push(thread.nextAtMs, thread.order, thread);
    } else {
      this.states.delete(thread);
    }
    return request;
  }
}
