import { describe, expect, it } from "vitest";
import { type Asset, assetSchema } from "../../api/schemas";
import { selectGesture } from "./gestures";
import { dayWindow, idsBetween, windowAround } from "./resolve-range";
import { parseCoordinates } from "./selection-bar";
import { SelectionStore } from "./selection-store";
import { shiftAmountMs, shiftCaptureTime } from "./time-shift";

const asset = (id: string, local_datetime = "2024-05-01T10:00:00"): Asset =>
  assetSchema.parse({
    id,
    created_at: "2024-01-01T00:00:00Z",
    updated_at: "2024-01-01T00:00:00Z",
    original_file_name: `${id}.jpg`,
    mime_type: "image/jpeg",
    local_datetime,
  });

const plain = { shift: false, toggle: false, check: false };

describe("idsBetween", () => {
  const ordered = ["a", "b", "c", "d", "e"];
  it("takes both ends and what lies between, whichever comes first", () => {
    expect(idsBetween(ordered, "b", "d")).toEqual(["b", "c", "d"]);
    expect(idsBetween(ordered, "d", "b")).toEqual(["b", "c", "d"]);
    expect(idsBetween(ordered, "c", "c")).toEqual(["c"]);
  });
  it("gives nothing when an end is missing", () => {
    expect(idsBetween(ordered, "a", "zz")).toEqual([]);
  });
});

describe("windows", () => {
  it("widens the wall-clock span by 1 ms each side, in either order", () => {
    const expected = { after: "2023-04-02T14:03:04.999000", before: "2024-05-01T10:00:00.001000" };
    expect(windowAround("2024-05-01T10:00:00", "2023-04-02T14:03:05")).toEqual(expected);
    expect(windowAround("2023-04-02T14:03:05", "2024-05-01T10:00:00")).toEqual(expected);
  });
  it("reads the wall clock of readings with an offset", () => {
    expect(windowAround("2023-04-02T14:03:05+09:00", "2023-04-02T14:03:05-05:00")).toEqual({
      after: "2023-04-02T14:03:04.999000",
      before: "2023-04-02T14:03:05.001000",
    });
  });
  it("covers a whole day, across a month end", () => {
    expect(dayWindow("2024-02-29")).toEqual({
      after: "2024-02-28T23:59:59.999000",
      before: "2024-03-01T00:00:00.000000",
    });
  });
});

describe("SelectionStore", () => {
  it("toggles, adds many at once with one notification, and clears", () => {
    const store = new SelectionStore();
    let calls = 0;
    store.subscribe(() => calls++);
    store.toggle("a");
    store.setMany(["a", "b", "c"]);
    expect(store.list().sort()).toEqual(["a", "b", "c"]);
    expect(calls).toBe(2);
    store.setMany(["a", "b", "c"]);
    expect(calls).toBe(2);
    store.setMany(["b"], false);
    expect(store.has("b")).toBe(false);
    store.clear();
    expect(store.size).toBe(0);
    expect(store.anchor).toBeNull();
  });
});

describe("SelectionStore loading", () => {
  it("a new read stops the one before; Stop keeps the ids, clear stops the read too", () => {
    const store = new SelectionStore();
    let notified = 0;
    store.subscribe(() => {
      notified += 1;
    });
    const first = store.startLoading("the day");
    expect(store.getLoading()).toBe("the day");
    const second = store.startLoading("everything");
    expect(first.aborted).toBe(true);
    expect(second.aborted).toBe(false);
    expect(store.getLoading()).toBe("everything");
    store.setMany(["a", "b"]);
    store.stopLoading();
    expect(second.aborted).toBe(true);
    expect(second.reason).toBe("stopped");
    expect(first.reason).toBe("replaced");
    expect(store.getLoading()).toBeNull();
    expect(store.size).toBe(2);
    expect(notified).toBe(4);
    const third = store.startLoading("everything");
    store.clear();
    expect(third.aborted).toBe(true);
    expect(third.reason).toBe("cleared");
    expect(store.size).toBe(0);
  });
});

describe("selectGesture", () => {
  it("opens on a plain click with nothing selected", () => {
    const store = new SelectionStore();
    expect(selectGesture(store, asset("a"), plain)).toBe(false);
    expect(store.size).toBe(0);
  });

  it("toggles on the check, with Ctrl/Cmd, and on any click once something is selected", () => {
    const store = new SelectionStore();
    expect(selectGesture(store, asset("a"), { ...plain, check: true })).toBe(true);
    expect(selectGesture(store, asset("b"), { ...plain, toggle: true })).toBe(true);
    expect(selectGesture(store, asset("a"), plain)).toBe(true);
    expect(store.list()).toEqual(["b"]);
    expect(store.anchor?.id).toBe("a");
  });
});

describe("shiftCaptureTime", () => {
  it("moves the wall clock and keeps each asset's own offset", () => {
    const hour = shiftAmountMs({ hours: 1 });
    expect(shiftCaptureTime("2023-04-02T14:03:05+09:00", hour)).toBe("2023-04-02T15:03:05+09:00");
    expect(shiftCaptureTime("2023-04-02T23:30:00-05:00", hour)).toBe("2023-04-03T00:30:00-05:00");
    expect(shiftCaptureTime("2023-04-02T14:03:05.123456+05:45", -hour)).toBe("2023-04-02T13:03:05.123456+05:45");
  });
  it("keeps a naive time naive, crosses month and year ends", () => {
    expect(shiftCaptureTime("2023-12-31T23:00:00", shiftAmountMs({ days: 1, minutes: 30 }))).toBe(
      "2024-01-01T23:30:00",
    );
    expect(shiftCaptureTime("2024-03-01T00:00:00Z", shiftAmountMs({ days: -1 }))).toBe("2024-02-29T00:00:00+00:00");
    expect(shiftCaptureTime("not a time", 1)).toBeNull();
  });
});

describe("parseCoordinates", () => {
  it("reads lat, lng and refuses what is out of range", () => {
    expect(parseCoordinates("48.8584, 2.2945")).toEqual({ latitude: 48.8584, longitude: 2.2945 });
    expect(parseCoordinates("-33.86 151.21")).toEqual({ latitude: -33.86, longitude: 151.21 });
    expect(parseCoordinates("91, 0")).toBeNull();
    expect(parseCoordinates("somewhere")).toBeNull();
  });
});
