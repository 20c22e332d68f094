/**
 * The upload queue: a state machine and external store (read with
 * `useSyncExternalStore`). It knows nothing about React, workers or HTTP: the
 * hasher, the existence check and the transport are passed in, which keeps it
 * testable with fakes and fake timers.
 *
 * One file's way through it:
 *
 *   queued ──hash──▶ hashing ──▶ checking ──exist?──▶ duplicate (never sent)
 *                                  │ new
 *                                  ▼
 *                               waiting ──slot──▶ uploading ──201──▶ added
 *                                  ▲                 │      ──200──▶ duplicate
 *                                  └── backoff ◀─────┤ network error, 5xx, 408, 429
 *                                                    ├─ other 4xx ──▶ rejected
 *                                                    └─ out of attempts ──▶ failed
 *
 *   any unfinished state ──cancel──▶ cancelled;  empty or unreadable ──▶ skipped
 *
 * Identical bytes twice in one session (the same photo in two folders) are
 * sent once. After hashing, a file whose checksum another file of the session
 * already holds (checking, waiting, uploading, added or duplicate) waits for
 * that one ("waiting", `sameAs` set) and never enters the upload line; it ends
 * as "duplicate" of the same asset when that one lands, or at once if it has.
 * If that one is rejected, fails or is cancelled, the first file waiting on it
 * takes over and goes through the existence check and upload itself.
 *
 * Performance: records are mutable inside; the store publishes an immutable
 * snapshot at most once per scheduled tick (an animation frame in the app),
 * rebuilding only the views of records that changed (a set of them, so a
 * publish costs what changed plus one copy of the array of pointers, not a
 * walk over every record). Progress events from ten uploads and ten thousand
 * listed files cost one array copy per frame.
 */
import type { UploadResult } from "../../api/upload-asset";
import type { PickedFile } from "./collect-files";

export type UploadStatus =
  | "queued"
  | "hashing"
  | "checking"
  | "waiting"
  | "uploading"
  | "added"
  | "duplicate"
  | "rejected"
  | "failed"
  | "cancelled"
  | "skipped";

export const ACTIVE_STATUSES: ReadonlySet<UploadStatus> = new Set([
  "queued",
  "hashing",
  "checking",
  "waiting",
  "uploading",
]);
export const finishedStatuses: ReadonlySet<UploadStatus> = new Set([
  "added",
  "duplicate",
  "rejected",
  "failed",
  "cancelled",
  "skipped",
]);
/** Statuses shown under "Problems". */
export const PROBLEM_STATUSES: ReadonlySet<UploadStatus> = new Set(["rejected", "failed", "skipped"]);

/** One file as the UI sees it. Immutable: a new object whenever something about the file changes. */
export interface UploadItem {
  id: string;
  file: File;
  name: string;
  /** Path inside the dropped or picked folder ("Trip/IMG_1.jpg"), or the name. */
  path: string;
  size: number;
  status: UploadStatus;
  /** 0–1 of the current step: bytes hashed while hashing, bytes sent while uploading. */
  progress: number;
  /** Bytes per second of the current upload attempt, once it can be measured. */
  speed: number | null;
  /** Upload attempts started so far. */
  attempt: number;
  /** While waiting after a failed attempt: when the next one starts (ms since the epoch). */
  retryAt: number | null;
  /** Why it was rejected, failed or skipped, or what the last attempt ran into while retrying. */
  message: string | null;
  /** The new asset, or the library's existing one for a duplicate. */
  assetId: string | null;
  /** Base64 SHA-256, once hashed. */
  checksum: string | null;
  /**
   * Path of another file of this session with the same bytes: the one this
   * file waits for (while "waiting"), or the one it duplicates (when "duplicate").
   */
  sameAs: string | null;
}

export interface UploadSummary {
  total: number;
  /** Items in a final state (added, duplicate, rejected, failed, cancelled, skipped). */
  finished: number;
  counts: Readonly<Record<UploadStatus, number>>;
  /** Items not finished: queued, hashing, checking, waiting or uploading. */
  active: number;
  /** Size of every listed file except cancelled and skipped ones. */
  bytesTotal: number;
  /** Bytes of those that are finished, plus what the uploads in flight have sent. */
  bytesDone: number;
  /** Recent upload speed over all uploads (bytes/s); null when nothing is being sent. */
  speed: number | null;
  /** At that speed, time to send what is left; null when unknown. */
  secondsLeft: number | null;
  paused: boolean;
  concurrency: number;
}

export interface UploadSnapshot {
  items: readonly UploadItem[];
  summary: UploadSummary;
  /**
   * Changes whenever items are added, removed or reordered; the same number
   * means the same files at the same positions (only their states changed).
   */
  layout: number;
}

/** What to do after an upload attempt failed. */
export type ErrorVerdict =
  /**
   * Transient (no answer, 5xx, 408, 429): try again after a backoff, or after `retryAfterMs`.
   * `throttled` (429: the server is busy, not failing) does not use up the file's attempts.
   */
  | { action: "retry"; message: string; retryAfterMs?: number | null; throttled?: boolean }
  /** The server refused this file; sending it again cannot help. */
  | { action: "reject"; message: string }
  /** Something else went wrong; the user may retry by hand. */
  | { action: "fail"; message: string };

export interface UploadTransport {
  /** Base64 SHA-256 of the file, computed without reading it whole into memory. */
  hash(file: File, options: { signal: AbortSignal; onProgress: (bytesHashed: number) => void }): Promise<string>;
  /** Which of these checksums the library holds: checksum → asset id. Optional (the upload dedups anyway). */
  checkExisting?(checksums: string[], options: { signal: AbortSignal }): Promise<Map<string, string>>;
  upload(
    item: { file: File; path: string },
    options: { signal: AbortSignal; onProgress: (fraction: number) => void },
  ): Promise<UploadResult>;
}

export interface UploadQueueOptions extends UploadTransport {
  classifyError: (error: unknown) => ErrorVerdict;
  /** Called after each 201 or 200 from an upload (not for duplicates found by the existence check). */
  onUploaded?: (result: UploadResult, item: UploadItem) => void;
  /** Uploads at a time. */
  concurrency?: number;
  /** Files hashed at a time (the hashing pool's size). */
  hashConcurrency?: number;
  /** Attempts per upload, the first included. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Checksums per existence check (the API takes up to 5000). */
  existBatchSize?: number;
  /** How long hashed files wait for others to join their existence check. */
  existDelayMs?: number;
  /** Runs `publish` soon (the app: the next animation frame). Tests: synchronously. */
  schedulePublish?: (publish: () => void) => void;
  now?: () => number;
  random?: () => number;
}

export interface UploadQueue {
  subscribe(listener: () => void): () => void;
  getSnapshot(): UploadSnapshot;
  /** Lists files and starts on them. Empty files are listed as skipped. Returns the new items' ids. */
  add(files: Iterable<File | PickedFile>): string[];
  cancel(id: string): void;
  /** Cancels every unfinished file. */
  cancelAll(): void;
  /** No new hashes or uploads start; uploads in flight are stopped and will start over on resume. */
  pause(): void;
  resume(): void;
  /** Puts a failed file back in line (its attempts start again from one). */
  retry(id: string): void;
  retryAllFailed(): void;
  /** Forgets every finished file. */
  clearFinished(): void;
  setConcurrency(n: number): void;
  /** True while something would be lost by leaving the page. */
  hasActiveWork(): boolean;
  /** Stops everything (aborts in-flight work, clears timers). */
  dispose(): void;
}

/** Small uploads are latency-bound, so a few at once keep the server busy; big ones share the bandwidth. */
export const DEFAULT_CONCURRENCY = 4;
export const MAX_CONCURRENCY = 8;

/**
 * Exponential backoff with jitter: 1 s, 2 s, 4 s, 8 s … capped at `maxMs`,
 * each ±20 % so many clients (or many files) do not retry in lockstep.
 * `attempt` is the attempt that just failed, from 1.
 */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}

/** How often a file may be turned away with 429 (server busy) before it is marked failed. */
const MAX_THROTTLED = 30;
/** Longest wait a server's Retry-After can impose before the queue tries again anyway. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;
/** Attempts of one existence check before its files go ahead and upload (the server dedups those too). */
const EXIST_ATTEMPTS = 3;
/** Speed is measured over this window. */
const SPEED_WINDOW_MS = 5000;

interface Rec {
  id: string;
  file: File;
  path: string;
  size: number;
  status: UploadStatus;
  hashedBytes: number;
  sentBytes: number;
  startedAt: number;
  attempt: number;
  /** 429s so far; they do not count as attempts. */
  throttled: number;
  retryAt: number | null;
  retryTimer: ReturnType<typeof setTimeout> | null;
  message: string | null;
  assetId: string | null;
  checksum: string | null;
  /** The in-flight hash or upload; its settlement is ignored once this is replaced or cleared. */
  controller: AbortController | null;
  inUploadLine: boolean;
  /** While waiting for another file with the same bytes: that file. */
  twinOf: Rec | null;
  /** Files with the same bytes waiting for this one (it holds the checksum). */
  followers: Rec[];
  sameAs: string | null;
  view: UploadItem | null;
  dirty: boolean;
  /** Position in `recs` (and in the snapshot's items). */
  index: number;
}

/** A FIFO with cheap removal from the front and cheap insertion at the front. */
class Line<T> {
  private items: T[] = [];
  private head = 0;
  get size() {
    return this.items.length - this.head;
  }
  push(item: T) {
    this.items.push(item);
  }
  pushFront(item: T) {
    if (this.head > 0) this.items[--this.head] = item;
    else this.items.unshift(item);
  }
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
  clear() {
    this.items = [];
    this.head = 0;
  }
}

function emptyCounts(): Record<UploadStatus, number> {
  return {
    queued: 0,
    hashing: 0,
    checking: 0,
    waiting: 0,
    uploading: 0,
    added: 0,
    duplicate: 0,
    rejected: 0,
    failed: 0,
    cancelled: 0,
    skipped: 0,
  };
}

function defaultSchedule(publish: () => void) {
  // An animation frame when the tab is visible; a timer as well, because
  // hidden tabs get no frames and the upload goes on there.
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    publish();
  };
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(run);
  setTimeout(run, 250);
}

const isPicked = (f: File | PickedFile): f is PickedFile => "file" in f && "path" in f;

export function createUploadQueue(options: UploadQueueOptions): UploadQueue {
  const {
    hash,
    checkExisting,
    upload,
    classifyError,
    onUploaded,
    hashConcurrency = 2,
    maxAttempts = 6,
    backoffBaseMs = 1000,
    backoffMaxMs = 30_000,
    existBatchSize = 1000,
    existDelayMs = 100,
    schedulePublish = defaultSchedule,
    now = Date.now,
    random = Math.random,
  } = options;
  let concurrency = clampConcurrency(options.concurrency ?? DEFAULT_CONCURRENCY);

  const recs: Rec[] = [];
  const byId = new Map<string, Rec>();
  const hashLine = new Line<Rec>();
  const uploadLine = new Line<Rec>();
  const uploading = new Set<Rec>();
  /** Checksum → the one file of the session that goes to the library with those bytes (see the top). */
  const holders = new Map<string, Rec>();
  const counts = emptyCounts();
  let bytesTotal = 0;
  let bytesFinished = 0;
  /** Every byte any attempt has sent, for the speed. */
  let bytesSentEver = 0;
  const speedSamples: Array<{ t: number; bytes: number }> = [];

  let existBatch: Rec[] = [];
  let existTimer: ReturnType<typeof setTimeout> | null = null;
  const existControllers = new Set<AbortController>();

  let paused = false;
  let disposed = false;
  let nextId = 1;

  const listeners = new Set<() => void>();
  let snapshot: UploadSnapshot = { items: [], summary: summarize(), layout: 0 };
  /** Records removed or reordered since the last publish: rebuild the items from scratch. */
  let structureChanged = false;
  /** Records touched since the last publish (their views go into the next snapshot). */
  const changed = new Set<Rec>();
  let publishPending = false;
  let heartbeat: ReturnType<typeof setTimeout> | null = null;

  function clampConcurrency(n: number) {
    return Math.max(1, Math.min(MAX_CONCURRENCY, Math.round(n)));
  }

  // ── publishing ────────────────────────────────────────────────────────────

  function viewOf(rec: Rec): UploadItem {
    if (rec.view && !rec.dirty) return rec.view;
    const elapsed = rec.status === "uploading" ? now() - rec.startedAt : 0;
    const progress =
      rec.status === "hashing"
        ? rec.size > 0
          ? rec.hashedBytes / rec.size
          : 0
        : rec.status === "uploading"
          ? rec.size > 0
            ? rec.sentBytes / rec.size
            : 0
          : rec.status === "added" || rec.status === "duplicate"
            ? 1
            : 0;
    rec.view = {
      id: rec.id,
      file: rec.file,
      name: rec.file.name,
      path: rec.path,
      size: rec.size,
      status: rec.status,
      progress: Math.min(1, progress),
      speed: rec.status === "uploading" && elapsed >= 300 ? (rec.sentBytes / elapsed) * 1000 : null,
      attempt: rec.attempt,
      retryAt: rec.retryAt,
      message: rec.message,
      assetId: rec.assetId,
      checksum: rec.checksum,
      sameAs: rec.sameAs,
    };
    rec.dirty = false;
    return rec.view;
  }

  function summarize(): UploadSummary {
    let inFlight = 0;
    for (const rec of uploading) inFlight += rec.sentBytes;
    const t = now();
    const sending = counts.uploading > 0 && !paused;
    // Idle time (nothing being sent) must not dilute the speed of the next upload.
    if (!sending) speedSamples.length = 0;
    speedSamples.push({ t, bytes: bytesSentEver });
    while (speedSamples.length > 2 && t - speedSamples[1].t > SPEED_WINDOW_MS) speedSamples.shift();
    const first = speedSamples[0];
    const span = t - first.t;
    const speed = sending && span >= 500 ? ((bytesSentEver - first.bytes) / span) * 1000 : null;
    const bytesDone = Math.min(bytesTotal, bytesFinished + inFlight);
    const active = counts.queued + counts.hashing + counts.checking + counts.waiting + counts.uploading;
    return {
      total: recs.length,
      finished: recs.length - active,
      counts: { ...counts },
      active,
      bytesTotal,
      bytesDone,
      speed,
      secondsLeft: speed && speed > 0 ? (bytesTotal - bytesDone) / speed : null,
      paused,
      concurrency,
    };
  }

  function publish() {
    publishPending = false;
    if (disposed) return;
    let items: UploadItem[];
    let layout = snapshot.layout;
    if (structureChanged) {
      items = recs.map(viewOf);
      structureChanged = false;
      layout += 1;
    } else if (changed.size === 0 && snapshot.items.length === recs.length) {
      items = snapshot.items as UploadItem[];
    } else {
      // New records are appended; changed ones are replaced in place. A view may
      // have been rebuilt since it was touched (e.g. for onUploaded): the set,
      // not the dirty flag, says what the snapshot is missing.
      items = snapshot.items.slice();
      if (items.length < recs.length) layout += 1;
      for (let i = items.length; i < recs.length; i++) items.push(viewOf(recs[i]));
      for (const rec of changed)
        if (rec.index < items.length && recs[rec.index] === rec) items[rec.index] = viewOf(rec);
    }
    changed.clear();
    snapshot = { items, summary: summarize(), layout };
    for (const listener of listeners) listener();
    // While files are being sent, refresh the speed and time left even if no progress event arrives.
    if (counts.uploading > 0 && heartbeat === null) {
      heartbeat = setTimeout(() => {
        heartbeat = null;
        requestPublish();
      }, 1000);
    }
  }

  function requestPublish() {
    if (publishPending || disposed) return;
    publishPending = true;
    schedulePublish(publish);
  }

  function touch(rec: Rec) {
    rec.dirty = true;
    changed.add(rec);
    requestPublish();
  }

  function setStatus(rec: Rec, status: UploadStatus, change: Partial<Rec> = {}) {
    const wasFinished = finishedStatuses.has(rec.status);
    const wasCounted = rec.status !== "cancelled" && rec.status !== "skipped";
    counts[rec.status] -= 1;
    Object.assign(rec, change);
    rec.status = status;
    counts[status] += 1;
    const isFinished = finishedStatuses.has(status);
    const isCounted = status !== "cancelled" && status !== "skipped";
    if (wasCounted !== isCounted) bytesTotal += isCounted ? rec.size : -rec.size;
    const finishedBefore = wasFinished && wasCounted ? rec.size : 0;
    const finishedAfter = isFinished && isCounted ? rec.size : 0;
    bytesFinished += finishedAfter - finishedBefore;
    if (status === "uploading") uploading.add(rec);
    else uploading.delete(rec);
    touch(rec);
    if (isFinished && !wasFinished && rec.checksum !== null && holders.get(rec.checksum) === rec) {
      settleFollowers(rec);
    }
  }

  /** The holder of a checksum finished: its followers are duplicates of its asset, or one of them takes over. */
  function settleFollowers(holder: Rec) {
    const waiting = holder.followers.filter((rec) => rec.twinOf === holder && rec.status === "waiting");
    holder.followers = [];
    if (holder.status === "added" || holder.status === "duplicate") {
      for (const rec of waiting) {
        rec.twinOf = null;
        setStatus(rec, "duplicate", { assetId: holder.assetId, sameAs: holder.path, message: null });
      }
      return;
    }
    // Rejected, failed or cancelled: the bytes are not in the library (as far as we know).
    holders.delete(holder.checksum as string);
    const [next, ...rest] = waiting;
    if (!next) return;
    next.twinOf = null;
    next.sameAs = null;
    for (const rec of rest) {
      rec.twinOf = next;
      rec.sameAs = next.path;
      touch(rec);
    }
    next.followers = rest;
    holders.set(next.checksum as string, next);
    setStatus(next, "checking");
    queueExistCheck(next);
  }

  /**
   * A hashed file: waits for another file of the session with the same bytes,
   * or is a duplicate of it, or holds the checksum itself and goes on (to the
   * existence check, or straight to the upload line when `check` is false).
   */
  /** A failed file starts over: hashed again if it never was, else straight back to its line. */
  function requeueFailed(rec: Rec) {
    rec.attempt = 0;
    rec.throttled = 0;
    rec.message = null;
    if (rec.checksum === null) {
      setStatus(rec, "queued");
      hashLine.push(rec);
    } else routeHashed(rec, false);
  }

  function routeHashed(rec: Rec, check: boolean) {
    const checksum = rec.checksum as string;
    const holder = holders.get(checksum);
    if (holder && holder !== rec) {
      if (holder.status === "added" || holder.status === "duplicate") {
        setStatus(rec, "duplicate", { assetId: holder.assetId, sameAs: holder.path, message: null });
      } else {
        rec.twinOf = holder;
        holder.followers.push(rec);
        setStatus(rec, "waiting", { sameAs: holder.path, message: null });
      }
      return;
    }
    holders.set(checksum, rec);
    rec.sameAs = null;
    if (check) {
      setStatus(rec, "checking");
      queueExistCheck(rec);
    } else toUploadLine(rec);
  }

  // ── the pipeline ──────────────────────────────────────────────────────────

  function pump() {
    if (disposed || paused) return;
    while (counts.hashing < hashConcurrency) {
      const rec = hashLine.shift();
      if (!rec) break;
      if (rec.status === "queued") startHash(rec);
    }
    while (counts.uploading < concurrency) {
      const rec = uploadLine.shift();
      if (!rec) break;
      rec.inUploadLine = false;
      if (rec.status === "waiting" && rec.retryAt === null) startUpload(rec);
    }
  }

  function startHash(rec: Rec) {
    const controller = new AbortController();
    setStatus(rec, "hashing", { controller, hashedBytes: 0, message: null });
    hash(rec.file, {
      signal: controller.signal,
      onProgress: (bytes) => {
        if (rec.controller !== controller) return;
        rec.hashedBytes = bytes;
        touch(rec);
      },
    }).then(
      (checksum) => {
        if (rec.controller !== controller) return;
        rec.controller = null;
        rec.checksum = checksum;
        rec.hashedBytes = rec.size;
        routeHashed(rec, true);
        flushExistIfIdle();
        pump();
      },
      (error: unknown) => {
        if (rec.controller !== controller) return;
        setStatus(rec, "failed", { controller: null, message: describeReadError(error) });
        flushExistIfIdle();
        pump();
      },
    );
  }

  function queueExistCheck(rec: Rec) {
    if (!checkExisting) {
      toUploadLine(rec);
      return;
    }
    existBatch.push(rec);
    if (existBatch.length >= existBatchSize) flushExist();
    else if (!flushExistIfIdle() && existTimer === null) existTimer = setTimeout(flushExist, existDelayMs);
  }

  /** Nothing more is being hashed right now: ask at once instead of waiting for more to join. */
  function flushExistIfIdle(): boolean {
    const moreComing = counts.hashing > 0 || (counts.queued > 0 && !paused);
    if (moreComing || existBatch.length === 0) return false;
    flushExist();
    return true;
  }

  function flushExist() {
    if (existTimer !== null) clearTimeout(existTimer);
    existTimer = null;
    const batch = existBatch;
    existBatch = [];
    if (batch.length === 0 || !checkExisting) return;
    const controller = new AbortController();
    existControllers.add(controller);
    void runExistCheck(batch, controller).finally(() => existControllers.delete(controller));
  }

  async function runExistCheck(batch: Rec[], controller: AbortController) {
    let found: Map<string, string> | null = null;
    for (let attempt = 1; attempt <= EXIST_ATTEMPTS && !found; attempt++) {
      const pending = batch.filter((rec) => rec.status === "checking");
      if (pending.length === 0 || controller.signal.aborted) return;
      try {
        found = await (checkExisting as NonNullable<UploadTransport["checkExisting"]>)(
          pending.map((rec) => rec.checksum as string),
          { signal: controller.signal },
        );
      } catch {
        if (controller.signal.aborted) return;
        // No answer: wait and ask again; after the last try the files upload
        // anyway, and the server's own dedup answers 200 for any it holds.
        if (attempt < EXIST_ATTEMPTS) await sleep(backoffDelay(attempt, backoffBaseMs, backoffMaxMs, random));
      }
    }
    if (disposed) return;
    for (const rec of batch) {
      if (rec.status !== "checking") continue;
      const assetId = found?.get(rec.checksum as string);
      if (assetId) setStatus(rec, "duplicate", { assetId });
      else toUploadLine(rec);
    }
    pump();
  }

  function sleep(ms: number) {
    return new Promise<void>((resolve) => setTimeout(resolve, ms));
  }

  function toUploadLine(rec: Rec, front = false) {
    if (rec.status !== "waiting") setStatus(rec, "waiting");
    if (rec.inUploadLine) return;
    rec.inUploadLine = true;
    if (front) uploadLine.pushFront(rec);
    else uploadLine.push(rec);
  }

  function startUpload(rec: Rec) {
    const controller = new AbortController();
    setStatus(rec, "uploading", {
      controller,
      attempt: rec.attempt + 1,
      sentBytes: 0,
      startedAt: now(),
      retryAt: null,
    });
    upload(
      { file: rec.file, path: rec.path },
      {
        signal: controller.signal,
        onProgress: (fraction) => {
          if (rec.controller !== controller) return;
          const sent = Math.max(0, Math.min(rec.size, fraction * rec.size));
          if (sent > rec.sentBytes) bytesSentEver += sent - rec.sentBytes;
          rec.sentBytes = sent;
          touch(rec);
        },
      },
    ).then(
      (result) => {
        if (rec.controller !== controller) return;
        setStatus(rec, result.status === "created" ? "added" : "duplicate", {
          controller: null,
          assetId: result.asset.id,
          message: null,
        });
        onUploaded?.(result, viewOf(rec));
        pump();
      },
      (error: unknown) => {
        if (rec.controller !== controller) return;
        rec.controller = null;
        handleUploadError(rec, error);
        pump();
      },
    );
  }

  function handleUploadError(rec: Rec, error: unknown) {
    const verdict = classifyError(error);
    if (verdict.action === "reject") {
      setStatus(rec, "rejected", { message: verdict.message });
      return;
    }
    if (verdict.action === "retry" && verdict.throttled && rec.throttled < MAX_THROTTLED) {
      // The server is busy, not failing: wait as asked without using up an attempt.
      rec.throttled += 1;
      rec.attempt -= 1;
    }
    if (verdict.action === "fail" || rec.attempt >= maxAttempts) {
      const tries = rec.attempt > 1 ? ` (${rec.attempt} attempts)` : "";
      setStatus(rec, "failed", { message: `${verdict.message}${tries}` });
      return;
    }
    const serverWait = verdict.retryAfterMs ?? null;
    const delay =
      serverWait !== null
        ? Math.min(MAX_RETRY_AFTER_MS, serverWait)
        : backoffDelay(rec.attempt, backoffBaseMs, backoffMaxMs, random);
    setStatus(rec, "waiting", { message: verdict.message, retryAt: now() + delay, sentBytes: 0 });
    rec.retryTimer = setTimeout(() => {
      rec.retryTimer = null;
      if (rec.status !== "waiting") return;
      rec.retryAt = null;
      touch(rec);
      toUploadLine(rec, true);
      pump();
    }, delay);
  }

  function describeReadError(error: unknown): string {
    const name = error instanceof Error || error instanceof DOMException ? error.name : "";
    if (name === "NotFoundError" || name === "NotReadableError") {
      return "Could not read the file (was it moved, renamed or deleted?)";
    }
    return `Could not read the file: ${error instanceof Error ? error.message : String(error)}`;
  }

  /** Stops whatever the record is doing (its settlement will be ignored). */
  function stop(rec: Rec, reason: string) {
    const controller = rec.controller;
    rec.controller = null;
    if (rec.retryTimer !== null) clearTimeout(rec.retryTimer);
    rec.retryTimer = null;
    rec.retryAt = null;
    controller?.abort(new DOMException(reason, "AbortError"));
  }

  function cancelRec(rec: Rec) {
    if (!ACTIVE_STATUSES.has(rec.status)) return;
    stop(rec, "Cancelled");
    setStatus(rec, "cancelled", { message: null, sentBytes: 0 });
  }

  // ── the public surface ────────────────────────────────────────────────────

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,

    add(files) {
      const ids: string[] = [];
      for (const entry of files) {
        const picked = isPicked(entry) ? entry : { file: entry, path: entry.name };
        const rec: Rec = {
          id: `upload-${nextId++}`,
          file: picked.file,
          path: picked.path,
          size: picked.file.size,
          status: "queued",
          hashedBytes: 0,
          sentBytes: 0,
          startedAt: 0,
          attempt: 0,
          throttled: 0,
          retryAt: null,
          retryTimer: null,
          message: null,
          assetId: null,
          checksum: null,
          controller: null,
          inUploadLine: false,
          twinOf: null,
          followers: [],
          sameAs: null,
          view: null,
          dirty: true,
          index: recs.length,
        };
        recs.push(rec);
        byId.set(rec.id, rec);
        ids.push(rec.id);
        counts.queued += 1;
        bytesTotal += rec.size;
        if (picked.problem) setStatus(rec, "skipped", { message: picked.problem });
        else if (rec.size === 0) setStatus(rec, "skipped", { message: "Empty file (0 bytes)" });
        else hashLine.push(rec);
      }
      if (ids.length === 0) return ids;
      // New records are appended to the items at the next publish.
      requestPublish();
      pump();
      return ids;
    },

    cancel(id) {
      const rec = byId.get(id);
      if (!rec) return;
      cancelRec(rec);
      flushExistIfIdle();
      pump();
    },

    cancelAll() {
      for (const rec of recs) cancelRec(rec);
    },

    pause() {
      if (paused) return;
      paused = true;
      // In-flight uploads are stopped and go back to the front of the line, in
      // their order; they start again from zero (the API cannot resume an upload).
      const stopped = recs.filter((rec) => rec.status === "uploading");
      for (let i = stopped.length - 1; i >= 0; i--) {
        const rec = stopped[i];
        stop(rec, "Paused");
        rec.attempt = Math.max(0, rec.attempt - 1);
        setStatus(rec, "waiting", { sentBytes: 0 });
        toUploadLine(rec, true);
      }
      requestPublish();
    },

    resume() {
      if (!paused) return;
      paused = false;
      requestPublish();
      flushExistIfIdle();
      pump();
    },

    retry(id) {
      const rec = byId.get(id);
      if (rec?.status !== "failed") return;
      requeueFailed(rec);
      pump();
    },

    retryAllFailed() {
      for (const rec of recs) if (rec.status === "failed") requeueFailed(rec);
      pump();
    },

    clearFinished() {
      const kept = recs.filter((rec) => !finishedStatuses.has(rec.status));
      if (kept.length === recs.length) return;
      for (const rec of recs) {
        if (!finishedStatuses.has(rec.status)) continue;
        byId.delete(rec.id);
        if (rec.checksum !== null && holders.get(rec.checksum) === rec) holders.delete(rec.checksum);
        counts[rec.status] -= 1;
        if (rec.status !== "cancelled" && rec.status !== "skipped") {
          bytesTotal -= rec.size;
          bytesFinished -= rec.size;
        }
      }
      recs.length = 0;
      for (const rec of kept) {
        rec.index = recs.length;
        recs.push(rec);
      }
      structureChanged = true;
      requestPublish();
    },

    setConcurrency(n) {
      concurrency = clampConcurrency(n);
      requestPublish();
      pump();
    },

    hasActiveWork() {
      return counts.queued + counts.hashing + counts.checking + counts.waiting + counts.uploading > 0;
    },

    dispose() {
      disposed = true;
      for (const rec of recs) stop(rec, "Closed");
      for (const controller of existControllers) controller.abort();
      if (existTimer !== null) clearTimeout(existTimer);
      if (heartbeat !== null) clearTimeout(heartbeat);
      hashLine.clear();
      uploadLine.clear();
      listeners.clear();
    },
  };
}
