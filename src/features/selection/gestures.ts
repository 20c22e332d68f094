/**
 * What a click does to the selection. A click on the check mark, with Ctrl or
 * Cmd, or any click while something is selected toggles the tile and makes
 * it the anchor; Shift-click selects (or, when the anchor was unselected,
 * unselects) everything from the anchor to the tile, across days and pages
 * not loaded yet (resolved through the API). A plain click with nothing
 * selected is not a selection gesture: the tile opens.
 */
import type { Asset } from "../../api/schemas";
import { toast } from "../../components/ui/toast";
import { dayWindow, idPages, resolveRange } from "./resolve-range";
import type { SelectionStore } from "./selection-store";

export interface Gesture {
  shift: boolean;
  toggle: boolean;
  check: boolean;
}

function failed(what: string, error: unknown) {
  toast({
    id: "selection",
    kind: "error",
    title: `Couldn't select ${what}`,
    message: error instanceof Error ? error.message : undefined,
  });
}

export function selectGesture(store: SelectionStore, asset: Asset, gesture: Gesture): boolean {
  const here = { id: asset.id, localDatetime: asset.local_datetime };
  const anchor = store.anchor;
  if (gesture.shift && anchor !== null && anchor.id !== asset.id) {
    const select = store.has(anchor.id);
    resolveRange(anchor, here).then(
      (ids) => store.setMany(ids, select),
      (error: unknown) => failed("the range", error),
    );
    return true;
  }
  if (gesture.check || gesture.toggle || gesture.shift || store.size > 0) {
    store.toggle(asset.id);
    store.anchor = here;
    return true;
  }
  return false;
}

/** Ids read meanwhile join the selection this often (each join re-renders the selection bar). */
const JOIN_EVERY_MS = 250;

/**
 * Selects every asset of a window (or the library), page by page: the count
 * in the selection bar grows as pages come (a million photos is 5,000
 * pages), and the bar offers Stop, which keeps what was read. Esc, or a new
 * selection read, stops it too; Esc also drops what it had read.
 */
async function selectListed(store: SelectionStore, what: string, window?: { after: string; before: string }) {
  const signal = store.startLoading(what);
  let waiting: string[] = [];
  let joinedAt = performance.now();
  const join = () => {
    store.setMany(waiting);
    waiting = [];
    joinedAt = performance.now();
  };
  try {
    // Not listIds: a million ids would be kept twice, in its array and in the selection.
    for await (const ids of idPages(window, signal)) {
      waiting.push(...ids);
      if (performance.now() - joinedAt >= JOIN_EVERY_MS) join();
    }
    join();
    store.stopLoading();
  } catch (error) {
    if (!signal.aborted) {
      join();
      store.stopLoading();
      failed(what, error);
    } else if (signal.reason !== "cleared") {
      // Stopped, or replaced by another read: what was read stays selected.
      join();
    }
  }
}

/** Selects every asset of a wall-clock day (`YYYY-MM-DD`), loaded or not. */
export function selectDay(store: SelectionStore, day: string): Promise<void> {
  return selectListed(store, "the day", dayWindow(day));
}

/** Selects the whole library. */
export function selectAll(store: SelectionStore): Promise<void> {
  return selectListed(store, "everything", undefined);
}
