import type { Db } from "../db/database";

export type JobKind = "variants" | "geocode";

export interface JobRow {
  id: number;
  kind: JobKind;
  asset_id: string;
  state: "queued" | "running" | "done" | "failed";
  attempts: number;
  last_error: string | null;
  run_after: string;
}

/** A failure that retrying cannot fix (e.g. a file that cannot be decoded). */
export class PermanentJobError extends Error {}

export interface JobHandler {
  run(assetId: string): Promise<void>;
  /** Called once when the job is given up on, permanently failed or out of attempts. */
  onGiveUp?(assetId: string, error: Error): void;
}

export interface JobQueueOptions {
  concurrency: number;
  maxAttempts?: number;
  pollMs?: number;
  clock: () => Date;
  log?: (msg: string) => void;
}

/**
 * The background queue, kept in SQLite so queued work survives a restart.
 * Jobs run at most `concurrency` at a time; a failing job is retried with
 * exponential backoff up to `maxAttempts`, then recorded as failed.
 */
export function createJobQueue(db: Db, opts: JobQueueOptions) {
  const maxAttempts = opts.maxAttempts ?? 3;
  const pollMs = opts.pollMs ?? 1000;
  const handlers = new Map<JobKind, JobHandler>();
  let running = false;
  let inFlight = 0;
  let timer: NodeJS.Timeout | null = null;
  let idleWaiters: (() => void)[] = [];

  const enqueueStmt = db.prepare(
    `INSERT INTO jobs (kind, asset_id, state, attempts, run_after, created_at, updated_at)
     SELECT @kind, @asset_id, 'queued', 0, @now, @now, @now
     WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE kind = @kind AND asset_id = @asset_id AND state = 'queued')`,
  );
  const claimStmt = db.prepare(
    `UPDATE jobs SET state = 'running', attempts = attempts + 1, updated_at = @now
     WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND run_after <= @now ORDER BY id LIMIT 1)
     RETURNING *`,
  );
  const doneStmt = db.prepare("DELETE FROM jobs WHERE id = ?");
  const retryStmt = db.prepare(
    "UPDATE jobs SET state = 'queued', last_error = @error, run_after = @runAfter, updated_at = @now WHERE id = @id",
  );
  const failStmt = db.prepare(
    "UPDATE jobs SET state = 'failed', last_error = @error, updated_at = @now WHERE id = @id",
  );
  const resetStmt = db.prepare("UPDATE jobs SET state = 'queued', updated_at = ? WHERE state = 'running'");
  const pendingStmt = db.prepare("SELECT COUNT(*) FROM jobs WHERE state IN ('queued', 'running')").pluck();

  const now = () => opts.clock().toISOString();

  function schedule(delay: number): void {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(pump, delay);
    timer.unref?.();
  }

  function notifyIdle(): void {
    if (inFlight === 0 && Number(pendingStmt.get()) === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  async function execute(job: JobRow): Promise<void> {
    const handler = handlers.get(job.kind);
    try {
      if (!handler) throw new PermanentJobError(`No handler for job kind ${job.kind}`);
      await handler.run(job.asset_id);
      doneStmt.run(job.id);
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      const permanent = error instanceof PermanentJobError || job.attempts >= maxAttempts;
      if (permanent) {
        failStmt.run({ id: job.id, error: error.message, now: now() });
        opts.log?.(`job ${job.kind} for ${job.asset_id} failed: ${error.message}`);
        try {
          handler?.onGiveUp?.(job.asset_id, error);
        } catch (hookErr) {
          opts.log?.(`job ${job.kind} give-up hook failed: ${String(hookErr)}`);
        }
      } else {
        const backoffMs = 1000 * 2 ** (job.attempts - 1);
        const runAfter = new Date(opts.clock().getTime() + backoffMs).toISOString();
        retryStmt.run({ id: job.id, error: error.message, runAfter, now: now() });
        schedule(backoffMs);
      }
    }
  }

  function pump(): void {
    if (!running) return;
    while (inFlight < opts.concurrency) {
      const job = claimStmt.get({ now: now() }) as JobRow | undefined;
      if (!job) break;
      inFlight++;
      void execute(job).finally(() => {
        inFlight--;
        pump();
        notifyIdle();
      });
    }
    schedule(pollMs);
    notifyIdle();
  }

  return {
    register(kind: JobKind, handler: JobHandler): void {
      handlers.set(kind, handler);
    },
    enqueue(kind: JobKind, assetId: string): void {
      enqueueStmt.run({ kind, asset_id: assetId, now: now() });
      if (running) setImmediate(pump);
    },
    /** Starts working; jobs a previous process left running are queued again. */
    start(): void {
      if (running || opts.concurrency <= 0) return;
      resetStmt.run(now());
      running = true;
      setImmediate(pump);
    },
    async stop(): Promise<void> {
      running = false;
      if (timer) clearTimeout(timer);
      while (inFlight > 0) await new Promise((r) => setTimeout(r, 20));
    },
    /** Resolves when nothing is queued or running (tests and benchmarks). */
    idle(): Promise<void> {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        notifyIdle();
      });
    },
    failed(): JobRow[] {
      return db.prepare("SELECT * FROM jobs WHERE state = 'failed' ORDER BY id").all() as JobRow[];
    },
  };
}

export type JobQueue = ReturnType<typeof createJobQueue>;
