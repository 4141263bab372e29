// `periodic` workload: scheduled jobs. Job j runs at j·every/jobs + n·every (± uniform jitter); each run
// is a burst of requests a few seconds apart sharing the job's cached prefix (one array per job, reused).
// Jobs sit in a heap (util/min-heap.ts) by next request time, ties by job number, so memory follows the number of jobs.
import type { PeriodicWorkload } from '../model/scenario.js';
import type { Request, Segment } from '../model/request.js';
import type { Rng } from './rng.js';
import { compileIntDist, compileTokenDist, type Sampler } from './distributions.js';
import { acceptAt } from './profile.js';
import type { SegmentKeys } from './segment-keys.js';
import { MinHeap } from '../util/min-heap.js';

interface Job {
  /** The job number: ties in the heap go to the lower. */
  readonly order: number;
  nextAtMs: number;
  readonly segments: Segment[];
  /** Index of the run in progress (its schedule is offset + run·every). */
  run: number;
  /** Requests left in the run in progress. */
  remaining: number;
  /** Identity of the run in progress (`<job id>/run<n>`), built once per run. */
  runId: string;
}

export class PeriodicArrivals implements Iterator<Request> {
  private readonly jobs = new MinHeap<Job>(64);
  private readonly perRun: Sampler;
  private readonly spacing: Sampler;
  private readonly suffix: Sampler;
  private readonly output: Sampler;
  private readonly scheduleRng: Rng;
  private readonly tokenRng: Rng;
  private readonly profileRng: Rng;

  constructor(
    private readonly spec: PeriodicWorkload,
    rng: Rng,
    private readonly horizonMs: number,
    keys: SegmentKeys,
  ) {
    this.perRun = compileIntDist(spec.requestsPerRun);
    this.spacing = compileIntDist(spec.spacingMs);
    this.suffix = compileTokenDist(spec.suffixTokens);
    this.output = compileTokenDist(spec.outputTokens);
    this.scheduleRng = rng.fork('schedule');
    this.tokenRng = rng.fork('tokens');
    this.profileRng = rng.fork('profile');
    const prefixRng = rng.fork('prefix');
    const prefix = compileTokenDist(spec.prefixTokens);
    for (let j = 0; j < spec.jobs; j++) {
      const id = `${spec.label}/job${j}`;
      const job: Job = {
        order: j,
        nextAtMs: 0,
        segments: [{ id, key: keys.of(id), tokens: prefix(prefixRng), role: spec.role, breakpoint: true }],
        run: -1,
        remaining: 0,
        runId: '',
      };
      this.startNextRun(job, 0);
      this.jobs.push(job.nextAtMs, job.order, job);
    }
  }

  next(): IteratorResult<Request> {
    for (;;) {
      const job = this.jobs.pop();
      if (job === undefined || job.nextAtMs >= this.horizonMs) return { done: true, value: undefined };
      const atMs = job.nextAtMs;
      const id = job.segments[0].id;
      const runId = job.runId;
      job.remaining--;
      if (job.remaining > 0) job.nextAtMs = atMs + this.spacing(this.scheduleRng);
      else this.startNextRun(job, atMs);
      this.jobs.push(job.nextAtMs, job.order, job);
      return {
        done: false,
        value: {
          atMs,
          scope: this.spec.scope,
          model: this.spec.model,
          segments: job.segments,
          segmentCount: 1,
          tailTokens: this.suffix(this.tokenRng),
          outputTokens: this.output(this.tokenRng),
          threadId: id,
          threadKind: 'batch',
          sessionId: runId,
        },
      };
    }
  }

  /**
   * Schedules the job's next run; a run never starts before the previous one's last request. A profile
   * thins whole runs, decided at their start (a cron job runs or it does not; it is never half run).
   */
  private startNextRun(job: Job, notBeforeMs: number): void {
    const { everyMs, jitterMs, jobs, profile } = this.spec;
    for (;;) {
      job.run++;
      const scheduledMs = Math.floor((job.order * everyMs) / jobs) + job.run * everyMs;
      const jitter = jitterMs === 0 ? 0 : Math.round((2 * this.scheduleRng.next() - 1) * jitterMs);
      job.nextAtMs = Math.max(notBeforeMs, scheduledMs + jitter, 0);
      job.remaining = Math.max(1, this.perRun(this.scheduleRng));
      if (job.nextAtMs >= this.horizonMs || acceptAt(profile, job.nextAtMs, this.profileRng)) break;
    }
    job.runId = `${job.segments[0].id}/run${job.run}`;
  }
}
