/**
 * What the app plugs into the timeline from other features (selection,
 * trash) without the timeline importing them. Absent: tiles only open.
 */
import { createContext, useContext, useSyncExternalStore } from "react";
import type { Asset } from "../../api/schemas";

/** How a tile was clicked. */
export interface TileGesture {
  shift: boolean;
  /** Ctrl or Cmd held. */
  toggle: boolean;
  /** On the tile's check mark. */
  check: boolean;
}

export interface TimelineInteraction {
  /** The Delete key on a tile (`asset`, when its page has loaded). True when handled. */
  onDeleteKey: (asset: Asset | undefined) => boolean;
  /** A click on a tile. True when it was a selection gesture: the tile does not open. */
  onTileClick: (asset: Asset, gesture: TileGesture) => boolean;
  /** The "select this day" control of a day header (`YYYY-MM-DD`). */
  onSelectDay: (day: string) => void;
  subscribe: (listener: () => void) => () => void;
  isSelected: (id: string) => boolean;
  selectionSize: () => number;
}

export const TimelineInteractionContext = createContext<TimelineInteraction | null>(null);

export function useTimelineInteraction(): TimelineInteraction | null {
  return useContext(TimelineInteractionContext);
}

const noSubscribe = () => () => {};

/** Whether the tile is selected, and whether anything is (tiles then show their checks). */
export function useTileSelection(id: string | undefined): { selected: boolean; selecting: boolean } {
  const interaction = useTimelineInteraction();
  const subscribe = interaction?.subscribe ?? noSubscribe;
  const selected = useSyncExternalStore(subscribe, () =>
    interaction && id !== undefined ? interaction.isSelected(id) : false,
  );
  const selecting = useSyncExternalStore(subscribe, () => (interaction ? interaction.selectionSize() > 0 : false));
  return { selected, selecting };
}
