import { type ReactNode, useCallback, useMemo, useState } from "react";
import { selectDay, selectGesture } from "../features/selection/gestures";
import { SelectionBar } from "../features/selection/selection-bar";
import { SelectionStore } from "../features/selection/selection-store";
import { type TimelineInteraction, TimelineInteractionContext } from "../features/timeline/timeline-interaction";
import { useTrashAssets } from "../features/trash/use-trash-assets";

/** Wires the selection and the trash into the timeline (the features don't know each other). */
export function TimelineActions({ children }: { children: ReactNode }) {
  const [store] = useState(() => new SelectionStore());
  const { mutate: trash } = useTrashAssets();
  const trashSelection = useCallback(
    (ids: string[]) => {
      trash(ids);
      store.clear();
    },
    [trash, store],
  );
  const value = useMemo<TimelineInteraction>(
    () => ({
      onDeleteKey: (asset) => {
        if (store.size > 0) trashSelection(store.list());
        else if (asset) trash([asset.id]);
        else return false;
        return true;
      },
      onTileClick: (asset, gesture) => selectGesture(store, asset, gesture),
      onSelectDay: (day) => void selectDay(store, day),
      subscribe: store.subscribe,
      isSelected: store.has,
      selectionSize: store.getSize,
    }),
    [store, trash, trashSelection],
  );
  return (
    <TimelineInteractionContext value={value}>
      {children}
      <SelectionBar store={store} onTrash={trashSelection} />
    </TimelineInteractionContext>
  );
}
