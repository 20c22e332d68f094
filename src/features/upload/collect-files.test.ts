import { describe, expect, it } from "vitest";
import {
  type DirectoryEntryLike,
  type EntryLike,
  type FileEntryLike,
  isHiddenPath,
  type PickedFile,
  pickedFromFileList,
  takeDroppedItems,
  walkDropped,
} from "./collect-files";

/** A fake FileSystemEntry tree. Directories hand out their entries `perRead` at a time, like Chrome's 100. */
type Tree = { [name: string]: Tree | number | Error };

function fileEntry(name: string, fullPath: string, content: number | Error): FileEntryLike {
  return {
    name,
    fullPath,
    isFile: true,
    isDirectory: false,
    file(success, failure) {
      setTimeout(() => {
        if (content instanceof Error) failure?.(new DOMException(content.message, "NotReadableError"));
        else success(new File([new Uint8Array(content)], name));
      }, 0);
    },
  };
}

function dirEntry(name: string, fullPath: string, tree: Tree, perRead = 2, readError?: string): DirectoryEntryLike {
  return {
    name,
    fullPath,
    isFile: false,
    isDirectory: true,
    createReader() {
      const children: EntryLike[] = Object.entries(tree).map(([child, value]) =>
        typeof value === "object" && !(value instanceof Error)
          ? dirEntry(child, `${fullPath}/${child}`, value, perRead)
          : fileEntry(child, `${fullPath}/${child}`, value),
      );
      let offset = 0;
      return {
        readEntries(success, failure) {
          setTimeout(() => {
            if (readError) return failure?.(new DOMException(readError, "SecurityError"));
            const batch = children.slice(offset, offset + perRead);
            offset += batch.length;
            success(batch);
          }, 0);
        },
      };
    },
  };
}

async function walk(items: Parameters<typeof walkDropped>[0], batchSize?: number) {
  const batches: PickedFile[][] = [];
  const count = await walkDropped(items, { onFiles: (b) => batches.push(b), batchSize, flushMs: 1e9 });
  return { batches, files: batches.flat(), count };
}

describe("walkDropped", () => {
  it("walks nested folders, calling readEntries until it returns nothing, and keeps relative paths", async () => {
    const trip = dirEntry("Trip", "/Trip", {
      "a.jpg": 3,
      "b.jpg": 4,
      "c.jpg": 5,
      "day 2": { "d.jpg": 6, deeper: { "e.heic": 7 } },
      "notes.txt": 2,
    });
    const { files, count } = await walk([{ entry: trip }]);
    expect(files.map((f) => [f.path, f.file.size])).toEqual([
      ["Trip/a.jpg", 3],
      ["Trip/b.jpg", 4],
      ["Trip/c.jpg", 5],
      ["Trip/notes.txt", 2], // not media? The server decides, with a reason.
      ["Trip/day 2/d.jpg", 6],
      ["Trip/day 2/deeper/e.heic", 7],
    ]);
    expect(count).toBe(6);
  });

  it("skips hidden files and folders", async () => {
    const dir = dirEntry("Photos", "/Photos", {
      ".DS_Store": 1,
      "._a.jpg": 1,
      "Thumbs.db": 1,
      ".git": { "x.jpg": 1 },
      "a.jpg": 1,
    });
    const { files } = await walk([{ entry: dir }, { file: new File(["x"], ".hidden.jpg") }]);
    expect(files.map((f) => f.path)).toEqual(["a.jpg"].map((n) => `Photos/${n}`));
  });

  it("takes loose files (a script-built DataTransfer has no entries) and mixes them with folders", async () => {
    const loose = new File(["1"], "loose.jpg");
    const { files } = await walk([
      { file: loose },
      { entry: fileEntry("single.png", "/single.png", 2) },
      { entry: dirEntry("D", "/D", { "x.jpg": 1 }) },
    ]);
    expect(files.map((f) => f.path)).toEqual(["loose.jpg", "single.png", "D/x.jpg"]);
    expect(files[0].file).toBe(loose);
  });

  it("lists an unreadable file or folder with the reason instead of failing the drop", async () => {
    const dir = dirEntry("P", "/P", { "ok.jpg": 1, "locked.jpg": new Error("permission denied") });
    const locked = dirEntry("Locked", "/Locked", {}, 2, "not allowed");
    const { files } = await walk([{ entry: dir }, { entry: locked }]);
    expect(files.map((f) => [f.path, f.problem])).toEqual([
      ["P/ok.jpg", undefined],
      ["P/locked.jpg", "Could not read the file: permission denied"],
      ["Locked", "Could not read the folder: not allowed"],
    ]);
  });

  it("hands files over in batches so a huge folder shows at once", async () => {
    const tree: Tree = {};
    for (let i = 0; i < 250; i++) tree[`IMG_${String(i).padStart(4, "0")}.jpg`] = 1;
    const { batches, count } = await walk([{ entry: dirEntry("Big", "/Big", tree, 100) }], 100);
    expect(batches.map((b) => b.length)).toEqual([100, 100, 50]);
    expect(count).toBe(250);
    expect(batches[2].at(-1)?.path).toBe("Big/IMG_0249.jpg");
  });
});

describe("takeDroppedItems", () => {
  it("prefers entries, falls back to getAsFile, and ignores non-file items", () => {
    const entry = fileEntry("a.jpg", "/a.jpg", 1);
    const file = new File(["x"], "b.jpg");
    const dt = {
      items: [
        { kind: "file", webkitGetAsEntry: () => entry, getAsFile: () => null },
        { kind: "file", webkitGetAsEntry: () => null, getAsFile: () => file },
        { kind: "string", webkitGetAsEntry: () => null, getAsFile: () => null },
      ],
      files: [],
    } as unknown as DataTransfer;
    expect(takeDroppedItems(dt)).toEqual([{ entry }, { file }]);
  });
});

describe("pickedFromFileList", () => {
  it("keeps the folder picker's relative path and drops hidden files", () => {
    const inFolder = (path: string) => {
      const f = new File(["x"], path.split("/").at(-1) as string);
      Object.defineProperty(f, "webkitRelativePath", { value: path });
      return f;
    };
    const picked = pickedFromFileList([
      inFolder("Trip/a.jpg"),
      inFolder("Trip/.DS_Store"),
      inFolder("Trip/.thumbs/b.jpg"),
      new File(["x"], "pasted.png"),
    ]);
    expect(picked.map((p) => p.path)).toEqual(["Trip/a.jpg", "pasted.png"]);
    expect(isHiddenPath("a/.git/x")).toBe(true);
  });
});
