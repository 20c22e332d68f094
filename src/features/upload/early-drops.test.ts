import { beforeEach, describe, expect, it, vi } from "vitest";

type EarlyDrops = typeof import("./early-drops");

/** A drag event as the browser sends it, carrying these files (or only text, when `files` is null). */
function dragEvent(type: string, files: File[] | null) {
  const event = new Event(type, { cancelable: true }) as Event & { dataTransfer: unknown };
  event.dataTransfer = {
    types: files ? ["Files"] : ["text/plain"],
    items: (files ?? []).map((file) => ({ kind: "file", getAsFile: () => file })),
    files: files ?? [],
  };
  return event;
}

describe("catchEarlyDrops", () => {
  let early: EarlyDrops;
  let page: EventTarget;

  beforeEach(async () => {
    vi.resetModules();
    early = await import("./early-drops");
    page = new EventTarget();
    early.catchEarlyDrops(page as unknown as Window);
  });

  it("keeps the browser from opening files dropped before the drop zone mounts, and hands them over", () => {
    const photo = new File(["x"], "a.jpg");
    const over = dragEvent("dragover", [photo]);
    const drop = dragEvent("drop", [photo]);
    page.dispatchEvent(over);
    page.dispatchEvent(drop);
    expect(over.defaultPrevented).toBe(true);
    expect(drop.defaultPrevented).toBe(true);

    expect(early.takeEarlyDrops()).toEqual([{ file: photo }]);
    // Handed over once: a zone that mounts again does not upload them twice.
    early.releaseDrops();
    expect(early.takeEarlyDrops()).toEqual([]);
  });

  it("leaves drops alone while a drop zone is mounted, and catches them again after it unmounts", () => {
    early.takeEarlyDrops();
    const whileMounted = dragEvent("drop", [new File(["x"], "a.jpg")]);
    page.dispatchEvent(whileMounted);
    expect(whileMounted.defaultPrevented).toBe(false);

    early.releaseDrops();
    const later = new File(["y"], "b.jpg");
    page.dispatchEvent(dragEvent("drop", [later]));
    expect(early.takeEarlyDrops()).toEqual([{ file: later }]);
  });

  it("ignores drags that carry no files (a link or text)", () => {
    const drop = dragEvent("drop", null);
    page.dispatchEvent(drop);
    expect(drop.defaultPrevented).toBe(false);
    expect(early.takeEarlyDrops()).toEqual([]);
  });
});
