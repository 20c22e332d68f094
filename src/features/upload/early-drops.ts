import { type DroppedItem, takeDroppedItems } from "./collect-files";

/** True when a drag carries files from outside the page (not a link or an image dragged within it). */
export function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes("Files");
}

let held: DroppedItem[] = [];
let zoneMounted = false;
let installed = false;

/**
 * Catches files dropped while the page is still starting, before the drop zone
 * has mounted. Without it the browser would handle such a drop itself: it
 * opens the file (or a folder listing) in place of Gumleaf, and the drop is
 * lost. Call it once, before the app renders. What it catches waits for
 * `takeEarlyDrops`.
 */
export function catchEarlyDrops(target: Pick<Window, "addEventListener"> = window): void {
  if (installed) return;
  installed = true;
  const allow = (event: Event) => {
    if (!zoneMounted && carriesFiles(event as DragEvent)) event.preventDefault();
  };
  target.addEventListener("dragenter", allow);
  target.addEventListener("dragover", allow);
  target.addEventListener("drop", (event) => {
    const drag = event as DragEvent;
    if (zoneMounted || !carriesFiles(drag) || !drag.dataTransfer) return;
    event.preventDefault();
    // The DataTransfer is readable only during this event: take its entries now.
    held.push(...takeDroppedItems(drag.dataTransfer));
  });
}

/** For the drop zone as it mounts: from now on it handles drops, and it gets what arrived before it. */
export function takeEarlyDrops(): DroppedItem[] {
  zoneMounted = true;
  const items = held;
  held = [];
  return items;
}

/** For the drop zone as it unmounts: drops are caught and held again until a zone mounts. */
export function releaseDrops(): void {
  zoneMounted = false;
}
