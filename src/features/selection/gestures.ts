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
import { dayWindow, listIds, resolveRange } from "./resolve-range";
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

/** Selects every asset of a wall-clock day (`YYYY-MM-DD`), loaded or not. */
export async function selectDay(store: SelectionStore, day: string): Promise<void> {
  try {
    store.setMany(await listIds(dayWindow(day)));
  } catch (error) {
    failed("the day", error);
  }
}

/** Selects the whole library. */
export async function selectAll(store: SelectionStore): Promise<void> {
  try {
    store.setMany(await listIds());
  } catch (error) {
    failed("everything", error);
  }
}
