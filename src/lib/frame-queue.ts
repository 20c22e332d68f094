/**
 * Work handed out a few items per animation frame, first in first out. For
 * visual changes that arrive in bursts (placeholders decoded, thumbnails
 * loaded): each one costs the browser style, paint and raster work, and a
 * burst of them in one frame made that frame late, or held the next one back
 * while the compositor rastered. Spread over frames, each frame stays short.
 */
export interface FrameQueue {
  /** Runs `task` in a coming frame; the returned function withdraws it if it has not run. */
  add(task: () => void): () => void;
}

export function createFrameQueue(perFrame: number): FrameQueue {
  const tasks = new Set<() => void>();
  let scheduled = false;

  const run = () => {
    scheduled = false;
    let done = 0;
    for (const task of tasks) {
      tasks.delete(task);
      task();
      if (++done >= perFrame) break;
    }
    if (tasks.size > 0) schedule();
  };

  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    if (typeof requestAnimationFrame === "function") requestAnimationFrame(run);
    else setTimeout(run, 16);
  };

  return {
    add(task) {
      // Wrapped, so that the same function added twice runs twice.
      const entry = () => task();
      tasks.add(entry);
      schedule();
      return () => {
        tasks.delete(entry);
      };
    },
  };
}
