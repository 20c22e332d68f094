/**
 * Element recycling for the virtual grid. Each rendered item gets a *slot*:
 * items still on screen keep theirs, items coming in take the slots of items
 * that left. Used as React keys, slots make React update an existing row
 * (a few attributes) instead of unmounting one row and creating another
 * from scratch on every frame of a fling.
 */
export class SlotAllocator {
  private slots = new Map<string, number>();

  /** Slots for `ids` (unique), in the same order. */
  assign(ids: readonly string[]): number[] {
    const previous = this.slots;
    const next = new Map<string, number>();
    const used = new Set<number>();
    for (const id of ids) {
      const slot = previous.get(id);
      if (slot !== undefined) {
        next.set(id, slot);
        used.add(slot);
      }
    }
    let free = 0;
    const result = ids.map((id) => {
      let slot = next.get(id);
      if (slot === undefined) {
        while (used.has(free)) free++;
        slot = free;
        used.add(slot);
        next.set(id, slot);
      }
      return slot;
    });
    this.slots = next;
    return result;
  }
}
