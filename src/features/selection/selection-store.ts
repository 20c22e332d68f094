/**
 * The selected asset ids: an external store (one per app), read by each tile
 * with useSyncExternalStore so that a toggle re-renders only the tiles whose
 * state changed, not the whole grid. Ids are kept, not indexes, so a
 * selection survives pages that are dropped and loaded again.
 */
export interface SelectionAnchor {
  id: string;
  localDatetime: string;
}

/** Why a selection read stopped (its signal's abort reason). */
export type LoadingStop = "stopped" | "replaced" | "cleared";

export class SelectionStore {
  private ids = new Set<string>();
  private listeners = new Set<() => void>();
  /** The last tile clicked without Shift: where a Shift-click range starts. */
  anchor: SelectionAnchor | null = null;
  /** Bumped on every change (the snapshot of "how many"). */
  version = 0;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  has = (id: string): boolean => this.ids.has(id);
  get size(): number {
    return this.ids.size;
  }
  getSize = (): number => this.ids.size;
  list(): string[] {
    return [...this.ids];
  }

  private emit() {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  toggle(id: string): void {
    if (this.ids.has(id)) this.ids.delete(id);
    else this.ids.add(id);
    this.emit();
  }

  /** Adds (or removes, with `selected: false`) every id; notifies once. */
  setMany(ids: Iterable<string>, selected = true): void {
    let changed = false;
    for (const id of ids) {
      if (selected === this.ids.has(id)) continue;
      if (selected) this.ids.add(id);
      else this.ids.delete(id);
      changed = true;
    }
    if (changed) this.emit();
  }

  private loading: { controller: AbortController; what: string } | null = null;

  /**
   * A selection read page by page (a day, everything) has started: the previous one stops. The
   * signal's abort reason says why it stopped: "stopped" and "replaced" keep what it read,
   * "cleared" drops it.
   */
  startLoading(what: string): AbortSignal {
    this.loading?.controller.abort("replaced" satisfies LoadingStop);
    this.loading = { controller: new AbortController(), what };
    this.emit();
    return this.loading.controller.signal;
  }

  /** What is being read page by page ("everything", "the day"), or null. */
  getLoading = (): string | null => this.loading?.what ?? null;

  /** Stops the selection being read, if any. */
  stopLoading(reason: LoadingStop = "stopped"): void {
    if (!this.loading) return;
    this.loading.controller.abort(reason);
    this.loading = null;
    this.emit();
  }

  /** Clears the selection, and stops one still being read. */
  clear(): void {
    this.stopLoading("cleared");
    this.anchor = null;
    if (this.ids.size === 0) return;
    this.ids = new Set();
    this.emit();
  }
}
