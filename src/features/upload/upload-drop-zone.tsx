import { type ReactNode, useEffect, useState } from "react";
import { errorMessage } from "../../api/client";
import { UploadIcon } from "../../components/ui/icons";
import { isTypingTarget } from "../../lib/typing-target";
import { type DroppedItem, pickedFromFileList, takeDroppedItems, walkDropped } from "./collect-files";
import { carriesFiles, releaseDrops, takeEarlyDrops } from "./early-drops";
import { useUploadQueue } from "./upload-queue-provider";

/**
 * Makes the whole page a drop target for files and folders, and uploads
 * images pasted anywhere outside a text field. While files are dragged over
 * the page an overlay says "Drop to upload" (and a live region says it too).
 * It listens on `window`, so it can wrap the page or sit beside it.
 */
export function UploadDropZone({ children }: { children?: ReactNode }) {
  const queue = useUploadQueue();
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    // dragenter/dragleave fire for every element crossed; a counter tells when
    // the drag really left the page.
    let depth = 0;
    let dragFromPage = false;

    const upload = (items: DroppedItem[]) => {
      walkDropped(items, { onFiles: (batch) => queue.add(batch) }).catch((error: unknown) => {
        queue.add([
          {
            file: new File([], "Dropped items"),
            path: "",
            problem: `Could not read what was dropped: ${errorMessage(error)}`,
          },
        ]);
      });
    };

    const onDragStart = () => {
      dragFromPage = true;
    };
    const onDragEnd = () => {
      dragFromPage = false;
      depth = 0;
      setDragging(false);
    };
    const onDragEnter = (event: DragEvent) => {
      if (dragFromPage || !carriesFiles(event)) return;
      event.preventDefault();
      depth += 1;
      setDragging(true);
    };
    const onDragOver = (event: DragEvent) => {
      if (dragFromPage || !carriesFiles(event)) return;
      // Without preventDefault the browser would open the file instead of letting us drop it.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
      setDragging(true);
    };
    const onDragLeave = (event: DragEvent) => {
      if (dragFromPage || !carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0 || event.relatedTarget === null) {
        depth = 0;
        setDragging(false);
      }
    };
    const onDrop = (event: DragEvent) => {
      if (dragFromPage || !carriesFiles(event) || !event.dataTransfer) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      // The DataTransfer is only readable during this event: take the entries now, walk them after.
      upload(takeDroppedItems(event.dataTransfer));
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTypingTarget(event.target)) return;
      const files = Array.from(event.clipboardData?.files ?? []);
      if (files.length === 0) return;
      event.preventDefault();
      queue.add(pickedFromFileList(files));
    };

    const listeners = {
      dragstart: onDragStart,
      dragend: onDragEnd,
      dragenter: onDragEnter,
      dragover: onDragOver,
      dragleave: onDragLeave,
      drop: onDrop,
      paste: onPaste,
    } as const;
    for (const [type, listener] of Object.entries(listeners)) window.addEventListener(type, listener as EventListener);
    // Files dropped while the page was still starting (see catchEarlyDrops).
    const early = takeEarlyDrops();
    if (early.length > 0) upload(early);
    return () => {
      releaseDrops();
      for (const [type, listener] of Object.entries(listeners)) {
        window.removeEventListener(type, listener as EventListener);
      }
    };
  }, [queue]);

  return (
    <>
      {children}
      <p className="sr-only" aria-live="assertive">
        {dragging ? "Drop to upload" : ""}
      </p>
      {dragging && (
        <div
          data-testid="upload-drop-overlay"
          aria-hidden="true"
          className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-emerald-50/80 p-6 backdrop-blur-[2px] dark:bg-neutral-950/80"
        >
          <div className="flex h-full max-h-[28rem] w-full max-w-2xl flex-col items-center justify-center gap-3 rounded-3xl border-2 border-dashed border-emerald-600 bg-white/70 text-center shadow-xl dark:border-emerald-400 dark:bg-neutral-900/70">
            <div className="flex size-16 items-center justify-center rounded-2xl bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300">
              <UploadIcon className="size-8" />
            </div>
            <p className="text-2xl font-semibold tracking-tight text-neutral-900 dark:text-neutral-50">
              Drop to upload
            </p>
            <p className="max-w-sm text-sm text-neutral-600 dark:text-neutral-400">
              Files and whole folders. Photos already in your library are found and skipped.
            </p>
          </div>
        </div>
      )}
    </>
  );
}
