/**
 * Turns what the user dropped, picked or pasted into a flat list of files with
 * their path inside the dropped folder. Folders are walked recursively through
 * the File System entries API (`webkitGetAsEntry`). Hidden files and folders
 * are skipped; everything else goes to the server, which is the judge of what
 * is a photo or a video (it rejects the rest with a reason).
 */

export interface PickedFile {
  file: File;
  /** Path inside what was dropped or picked ("Trip/day 1/IMG_1.jpg"); the name alone for a loose file. */
  path: string;
  /** Set when the file could not be read at all (it is listed, not uploaded). */
  problem?: string;
}

/** The parts of `FileSystemEntry` and friends the walk uses (so tests can build a fake tree). */
export interface EntryLike {
  name: string;
  fullPath: string;
  isFile: boolean;
  isDirectory: boolean;
}
export interface FileEntryLike extends EntryLike {
  file(success: (file: File) => void, failure?: (error: DOMException) => void): void;
}
export interface DirectoryEntryLike extends EntryLike {
  createReader(): {
    readEntries(success: (entries: EntryLike[]) => void, failure?: (error: DOMException) => void): void;
  };
}

/** Files a system keeps hidden: dot-files (.DS_Store, ._IMG_1.jpg, .git/), and Windows' Thumbs.db and desktop.ini. */
const HIDDEN_SYSTEM_FILES = new Set(["thumbs.db", "desktop.ini"]);

export function isHiddenName(name: string): boolean {
  return name.startsWith(".") || HIDDEN_SYSTEM_FILES.has(name.toLowerCase());
}

/** True when any part of a relative path is hidden ("a/.git/x" → true). */
export function isHiddenPath(path: string): boolean {
  return path.split("/").some((part) => part !== "" && isHiddenName(part));
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

function readFile(entry: FileEntryLike): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

function readBatch(reader: ReturnType<DirectoryEntryLike["createReader"]>): Promise<EntryLike[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

/** All the entries of a directory: `readEntries` returns them in batches (100 in Chrome) until it returns none. */
async function readAllEntries(dir: DirectoryEntryLike): Promise<EntryLike[]> {
  const reader = dir.createReader();
  const all: EntryLike[] = [];
  for (;;) {
    const batch = await readBatch(reader);
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

/** Something taken from a drop before the event ends (a DataTransfer is unreadable afterwards). */
export type DroppedItem = { entry: EntryLike } | { file: File };

/**
 * Must be called synchronously inside the `drop` handler. Prefers the entry
 * (so folders can be walked); falls back to the plain File, which is all a
 * script-built DataTransfer or an older browser offers.
 */
export function takeDroppedItems(dataTransfer: DataTransfer): DroppedItem[] {
  const taken: DroppedItem[] = [];
  const items = Array.from(dataTransfer.items ?? []).filter((item) => item.kind === "file");
  if (items.length === 0) return Array.from(dataTransfer.files ?? [], (file) => ({ file }));
  for (const item of items) {
    const entry = typeof item.webkitGetAsEntry === "function" ? item.webkitGetAsEntry() : null;
    if (entry) {
      taken.push({ entry });
      continue;
    }
    const file = item.getAsFile();
    if (file) taken.push({ file });
  }
  return taken;
}

const OPEN_AT_ONCE = 200;

/** A new task: 10,000 dropped files are listed in steps, never in one long task. */
const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface WalkOptions {
  /** Receives files as they are found, a batch at a time, so a huge folder starts showing at once. */
  onFiles: (batch: PickedFile[]) => void;
  /** Flush a batch when it holds this many files… */
  batchSize?: number;
  /** …or when this long has passed since the last flush. */
  flushMs?: number;
}

/** Walks dropped items depth-first, in the order the browser lists them. Resolves with the number of files. */
export async function walkDropped(
  items: readonly DroppedItem[],
  { onFiles, batchSize = 500, flushMs = 100 }: WalkOptions,
): Promise<number> {
  let batch: PickedFile[] = [];
  let lastFlush = Date.now();
  let count = 0;
  const flush = () => {
    if (batch.length > 0) onFiles(batch);
    batch = [];
    lastFlush = Date.now();
  };
  /** Adds a file; after handing a batch over, lets the browser paint and handle input before going on. */
  const emit = async (picked: PickedFile) => {
    batch.push(picked);
    count += 1;
    if (batch.length >= batchSize || Date.now() - lastFlush >= flushMs) {
      flush();
      await yieldToBrowser();
    }
  };

  const pathOf = (entry: EntryLike) => entry.fullPath.replace(/^\/+/, "") || entry.name;

  const visit = async (entries: readonly EntryLike[]) => {
    const files: FileEntryLike[] = [];
    const dirs: DirectoryEntryLike[] = [];
    for (const entry of entries) {
      if (isHiddenName(entry.name)) continue;
      if (entry.isFile) files.push(entry as FileEntryLike);
      else if (entry.isDirectory) dirs.push(entry as DirectoryEntryLike);
    }
    // A directory's files are opened OPEN_AT_ONCE at a time (in order), so
    // the first ones reach the queue before a 10,000-file folder is all open.
    for (let start = 0; start < files.length; start += OPEN_AT_ONCE) {
      const opened = await Promise.all(
        files.slice(start, start + OPEN_AT_ONCE).map((entry) =>
          readFile(entry).then(
            (file): PickedFile => ({ file, path: pathOf(entry) }),
            (error: unknown): PickedFile => ({
              file: new File([], entry.name),
              path: pathOf(entry),
              problem: `Could not read the file: ${reason(error)}`,
            }),
          ),
        ),
      );
      for (const picked of opened) await emit(picked);
    }
    for (const dir of dirs) {
      let children: EntryLike[];
      try {
        children = await readAllEntries(dir);
      } catch (error) {
        await emit({
          file: new File([], dir.name),
          path: pathOf(dir),
          problem: `Could not read the folder: ${reason(error)}`,
        });
        continue;
      }
      await visit(children);
    }
  };

  // Loose files first, then the folders, in the order they were dropped.
  const entries: EntryLike[] = [];
  for (const item of items) {
    if ("file" in item) {
      if (!isHiddenName(item.file.name)) await emit({ file: item.file, path: item.file.name });
    } else entries.push(item.entry);
  }
  await visit(entries);
  flush();
  return count;
}

/**
 * Files from an `<input type="file">` (with `webkitdirectory` they carry
 * `webkitRelativePath`, "Trip/day 1/IMG_1.jpg") or from the clipboard.
 */
export function pickedFromFileList(files: Iterable<File>): PickedFile[] {
  const picked: PickedFile[] = [];
  for (const file of files) {
    const path = file.webkitRelativePath || file.name;
    if (!isHiddenPath(path)) picked.push({ file, path });
  }
  return picked;
}
