import { describe, expect, it } from "vitest";
import { formatCaptureTime, parseCaptureTime } from "./capture-time";
import {
  applyCaptureEdit,
  type CaptureEdit,
  type CaptureTime,
  captureInstantMs,
  choiceOf,
  convertToOffset,
  FIXED_OFFSETS,
  formatCaptureDisplay,
  formatUtcOffset,
  listTimeZones,
  MINUS,
  parseEditableCaptureTime,
  parseZoneChoice,
  resolveWallInZone,
  withWallInputs,
  zoneChoiceValue,
  zoneLabel,
  zoneOffsetForPhoto,
  zoneOffsetMinutes,
} from "./datetime";

const ct = (s: string) => parseCaptureTime(s) as CaptureTime;
const utc = (iso: string) => Date.parse(iso);
const edit = (over: Partial<CaptureEdit> & Pick<CaptureEdit, "date" | "time" | "choice">): CaptureEdit => ({
  overlap: "earlier",
  keepMoment: false,
  ...over,
});

describe("parse and format with offsets", () => {
  it.each([
    ["2023-04-02T14:03:05+09:00", "+09:00"],
    ["2021-10-20T06:30:00+05:45", "+05:45"],
    ["2020-01-01T12:00:00-09:30", "-09:30"],
    ["2020-01-01T12:00:00+13:45", "+13:45"],
    ["1965-07-20T08:15:00-04:00", "-04:00"],
  ])("round-trips %s keeping %s", (text, offset) => {
    const t = ct(text);
    expect(formatCaptureTime(t.wall, t.offsetMinutes)).toBe(text);
    expect(text.endsWith(offset)).toBe(true);
  });

  it("keeps a naive reading naive", () => {
    const t = parseEditableCaptureTime("2019-12-24T18:00:00");
    expect(t?.offsetMinutes).toBeNull();
    expect(formatCaptureTime(t?.wall ?? "", null)).toBe("2019-12-24T18:00:00");
  });

  it("reads the hosted service's 'Z' (offset unknown) as naive when editing", () => {
    expect(parseEditableCaptureTime("2011-05-01T10:00:00Z")).toEqual({
      wall: "2011-05-01T10:00:00.000000",
      offsetMinutes: null,
    });
    expect(parseEditableCaptureTime("not a date")).toBeNull();
    expect(parseEditableCaptureTime(null)).toBeNull();
  });

  it("formats the display label from the digits, with the weekday", () => {
    expect(formatCaptureDisplay("2023-04-02T14:03:05+09:00")).toBe("Sun, 2 Apr 2023, 14:03:05 (UTC+09:00)");
    expect(formatCaptureDisplay("2024-07-04T19:45:00-07:00")).toBe(`Thu, 4 Jul 2024, 19:45:00 (UTC${MINUS}07:00)`);
    expect(formatCaptureDisplay("2019-12-24T18:00:00")).toBe("Tue, 24 Dec 2019, 18:00:00 (no time zone)");
  });

  it("formats dates before 1970 (and before 1900) with the right weekday", () => {
    expect(formatCaptureDisplay("1969-07-20T20:17:40+00:00")).toBe("Sun, 20 Jul 1969, 20:17:40 (UTC+00:00)");
    expect(formatCaptureDisplay("1889-05-06T10:00:00+00:09")).toBe("Mon, 6 May 1889, 10:00:00 (UTC+00:09)");
    expect(formatCaptureDisplay("0044-03-15T12:00:00")).toBe("Tue, 15 Mar 44, 12:00:00 (no time zone)");
  });

  it("writes offsets with a real minus sign for people and ASCII for the wire", () => {
    expect(formatUtcOffset(-570)).toBe(`UTC${MINUS}09:30`);
    expect(formatUtcOffset(345)).toBe("UTC+05:45");
    expect(formatUtcOffset(825)).toBe("UTC+13:45");
    expect(formatUtcOffset(0)).toBe("UTC+00:00");
    expect(formatCaptureTime(ct("2020-01-01T00:00:00-09:30").wall, -570)).toBe("2020-01-01T00:00:00-09:30");
  });

  it("offers the half- and quarter-hour offsets", () => {
    for (const minutes of [345, -570, 825, 330, 525, 765, -210]) expect(FIXED_OFFSETS).toContain(minutes);
  });

  it("gives the instant of an aware reading, and none for a naive one", () => {
    expect(captureInstantMs(ct("2023-04-02T14:03:05+09:00"))).toBe(utc("2023-04-02T05:03:05Z"));
    expect(captureInstantMs(ct("1950-01-01T00:00:00-05:00"))).toBe(utc("1950-01-01T05:00:00Z"));
    expect(captureInstantMs(ct("2019-12-24T18:00:00"))).toBeNull();
  });
});

describe("zone offsets at historical dates", () => {
  it("uses the offset the zone had on the photo's date, not today's", () => {
    expect(zoneOffsetMinutes("Asia/Kathmandu", utc("1985-06-01T00:00:00Z"))).toBe(330);
    expect(zoneOffsetMinutes("Asia/Kathmandu", utc("2021-10-20T00:45:00Z"))).toBe(345);
    expect(zoneOffsetMinutes("Europe/Paris", utc("2023-01-15T12:00:00Z"))).toBe(60);
    expect(zoneOffsetMinutes("Europe/Paris", utc("2023-07-15T12:00:00Z"))).toBe(120);
  });

  it("handles dates before 1970", () => {
    // New York kept DST in 1950; British Standard Time was +01:00 all year from 1968 to 1971.
    expect(zoneOffsetMinutes("America/New_York", utc("1950-07-01T12:00:00Z"))).toBe(-240);
    expect(zoneOffsetMinutes("America/New_York", utc("1950-01-01T12:00:00Z"))).toBe(-300);
    expect(zoneOffsetMinutes("Europe/London", utc("1969-01-15T12:00:00Z"))).toBe(60);
    // Local mean time before standard time is rounded to the minute: +05:41:16 → +05:41.
    expect(zoneOffsetMinutes("Asia/Kathmandu", utc("1900-06-01T00:00:00Z"))).toBe(341);
  });

  it("labels zones with the offset at the photo's instant", () => {
    const kathmandu1985 = ct("1985-06-01T12:00:00+05:30");
    expect(zoneOffsetForPhoto(kathmandu1985, "Asia/Kathmandu")).toBe(330);
    expect(zoneLabel("Asia/Kathmandu", 330)).toBe("Asia/Kathmandu (UTC+05:30)");
    const tokyo2023 = ct("2023-04-02T14:03:05+09:00");
    expect(zoneLabel("Asia/Kathmandu", zoneOffsetForPhoto(tokyo2023, "Asia/Kathmandu"))).toBe(
      "Asia/Kathmandu (UTC+05:45)",
    );
  });

  it("reads a naive wall clock as local time in each zone", () => {
    const naiveSummer = ct("2019-07-01T12:00:00");
    expect(zoneOffsetForPhoto(naiveSummer, "Europe/Paris")).toBe(120);
    expect(zoneOffsetForPhoto(ct("2019-12-24T18:00:00"), "Europe/Paris")).toBe(60);
  });

  it("shows Etc/GMT signs the right way round", () => {
    const t = ct("2020-06-01T12:00:00+00:00");
    expect(zoneOffsetForPhoto(t, "Etc/GMT+5")).toBe(-300);
    expect(zoneOffsetForPhoto(t, "Etc/GMT-14")).toBe(840);
    expect(zoneLabel("Etc/GMT+5", -300)).toBe(`Etc/GMT+5 (UTC${MINUS}05:00), behind UTC`);
    expect(zoneLabel("Etc/GMT-14", 840)).toBe("Etc/GMT-14 (UTC+14:00), ahead of UTC");
  });

  it("covers the odd offsets: +05:45, −09:30, +13:45, +12:45", () => {
    expect(zoneOffsetForPhoto(ct("2020-01-01T12:00:00"), "Pacific/Marquesas")).toBe(-570);
    expect(zoneOffsetForPhoto(ct("2020-01-01T12:00:00"), "Pacific/Chatham")).toBe(825);
    expect(zoneOffsetForPhoto(ct("2020-07-01T12:00:00"), "Pacific/Chatham")).toBe(765);
    expect(zoneOffsetForPhoto(ct("2020-07-01T12:00:00"), "Asia/Kathmandu")).toBe(345);
  });

  it("lists the browser's zones plus UTC and Etc/GMT±N, and only valid ones", () => {
    const zones = listTimeZones();
    expect(zones).toContain("Asia/Kathmandu");
    expect(zones).toContain("UTC");
    expect(zones).toContain("Etc/GMT+5");
    expect(zones).toContain("Etc/GMT-14");
    expect(zones).not.toContain("Etc/GMT+13");
    expect(new Set(zones).size).toBe(zones.length);
    expect(zoneOffsetMinutes("Not/AZone", 0)).toBeNull();
  });
});

describe("DST gaps and overlaps", () => {
  it("finds the one offset of an ordinary reading", () => {
    expect(resolveWallInZone("2023-07-01T12:00:00.000000", "America/New_York")).toEqual({
      kind: "unique",
      offsetMinutes: -240,
    });
  });

  it("reports a gap and picks the post-transition offset", () => {
    // 12 March 2023: New York clocks jumped from 02:00 EST to 03:00 EDT.
    expect(resolveWallInZone("2023-03-12T02:30:00.000000", "America/New_York")).toEqual({
      kind: "gap",
      offsetMinutes: -240,
      before: -300,
      after: -240,
    });
    // Lord Howe's DST is half an hour: 02:00 → 02:30 on 2 October 2022.
    expect(resolveWallInZone("2022-10-02T02:15:00.000000", "Australia/Lord_Howe")).toEqual({
      kind: "gap",
      offsetMinutes: 660,
      before: 630,
      after: 660,
    });
  });

  it("offers both offsets in an overlap, earlier occurrence first", () => {
    // 5 November 2023: 01:30 happened at −04:00 and again at −05:00.
    expect(resolveWallInZone("2023-11-05T01:30:00.000000", "America/New_York")).toEqual({
      kind: "overlap",
      earlier: -240,
      later: -300,
    });
  });

  it("handles a gap before 1970", () => {
    // 28 April 1968 (New York): 02:00 EST → 03:00 EDT.
    expect(resolveWallInZone("1968-04-28T02:30:00.000000", "America/New_York")?.kind).toBe("gap");
  });
});

describe("applying an edit", () => {
  const tokyo = ct("2023-04-02T14:03:05+09:00");

  it("keeps the offset when only the time changes", () => {
    const r = applyCaptureEdit(tokyo, edit({ date: "2023-04-02", time: "15:30:00", choice: choiceOf(tokyo) }));
    expect(r.ok && formatCaptureTime(r.value.wall, r.value.offsetMinutes)).toBe("2023-04-02T15:30:00+09:00");
  });

  it("keeps a naive reading naive when only the date changes", () => {
    const naive = ct("2019-12-24T18:00:00");
    const r = applyCaptureEdit(naive, edit({ date: "2019-12-25", time: "18:00:00", choice: choiceOf(naive) }));
    expect(r.ok && formatCaptureTime(r.value.wall, r.value.offsetMinutes)).toBe("2019-12-25T18:00:00");
  });

  it("keeps the fraction of a second when the seconds did not change", () => {
    const t = ct("2024-02-25T06:57:27.66-08:00");
    const same = withWallInputs(t, "2024-02-25", "06:57:27");
    expect(same && formatCaptureTime(same.wall, same.offsetMinutes)).toBe("2024-02-25T06:57:27.66-08:00");
    const moved = withWallInputs(t, "2024-02-25", "06:58");
    expect(moved && formatCaptureTime(moved.wall, moved.offsetMinutes)).toBe("2024-02-25T06:58:00-08:00");
    expect(withWallInputs(t, "2024-02-30", "06:58")).toBeNull();
  });

  it("gives a chosen zone's offset to the same clock reading", () => {
    const r = applyCaptureEdit(
      tokyo,
      edit({ date: "2023-04-02", time: "14:03:05", choice: { kind: "zone", zone: "Asia/Kathmandu" } }),
    );
    expect(r.ok && formatCaptureTime(r.value.wall, r.value.offsetMinutes)).toBe("2023-04-02T14:03:05+05:45");
  });

  it("uses the historical offset of the zone at that date", () => {
    const t = ct("1985-03-01T09:00:00");
    const r = applyCaptureEdit(
      t,
      edit({ date: "1985-03-01", time: "09:00:00", choice: { kind: "zone", zone: "Asia/Kathmandu" } }),
    );
    expect(r.ok && formatCaptureTime(r.value.wall, r.value.offsetMinutes)).toBe("1985-03-01T09:00:00+05:30");
  });

  it("can keep the same moment instead, moving the clock", () => {
    const r = applyCaptureEdit(
      tokyo,
      edit({
        date: "2023-04-02",
        time: "14:03:05",
        choice: { kind: "zone", zone: "Asia/Kathmandu" },
        keepMoment: true,
      }),
    );
    expect(r.ok && formatCaptureTime(r.value.wall, r.value.offsetMinutes)).toBe("2023-04-02T10:48:05+05:45");
    const fixed = applyCaptureEdit(
      tokyo,
      edit({ date: "2023-04-02", time: "14:03:05", choice: { kind: "offset", offsetMinutes: -570 }, keepMoment: true }),
    );
    expect(fixed.ok && formatCaptureTime(fixed.value.wall, fixed.value.offsetMinutes)).toBe(
      "2023-04-01T19:33:05-09:30",
    );
  });

  it("sets a fixed offset, or removes it", () => {
    const plus = applyCaptureEdit(
      tokyo,
      edit({ date: "2023-04-02", time: "14:03:05", choice: { kind: "offset", offsetMinutes: 825 } }),
    );
    expect(plus.ok && formatCaptureTime(plus.value.wall, plus.value.offsetMinutes)).toBe("2023-04-02T14:03:05+13:45");
    const naive = applyCaptureEdit(tokyo, edit({ date: "2023-04-02", time: "14:03:05", choice: { kind: "naive" } }));
    expect(naive.ok && formatCaptureTime(naive.value.wall, naive.value.offsetMinutes)).toBe("2023-04-02T14:03:05");
  });

  it("resolves a DST gap to the post-transition offset and reports it", () => {
    const r = applyCaptureEdit(
      tokyo,
      edit({ date: "2023-03-12", time: "02:30:00", choice: { kind: "zone", zone: "America/New_York" } }),
    );
    expect(r.ok && r.resolution?.kind).toBe("gap");
    expect(r.ok && formatCaptureTime(r.value.wall, r.value.offsetMinutes)).toBe("2023-03-12T02:30:00-04:00");
  });

  it("lets the user pick either occurrence in an overlap", () => {
    const base = edit({ date: "2023-11-05", time: "01:30:00", choice: { kind: "zone", zone: "America/New_York" } });
    const first = applyCaptureEdit(tokyo, base);
    const second = applyCaptureEdit(tokyo, { ...base, overlap: "later" });
    expect(first.ok && first.resolution?.kind).toBe("overlap");
    expect(first.ok && formatCaptureTime(first.value.wall, first.value.offsetMinutes)).toBe(
      "2023-11-05T01:30:00-04:00",
    );
    expect(second.ok && formatCaptureTime(second.value.wall, second.value.offsetMinutes)).toBe(
      "2023-11-05T01:30:00-05:00",
    );
  });

  it("refuses an impossible date", () => {
    const r = applyCaptureEdit(tokyo, edit({ date: "2023-02-29", time: "10:00", choice: choiceOf(tokyo) }));
    expect(r.ok).toBe(false);
  });

  it("converts across the date line", () => {
    const t = convertToOffset(ct("2011-12-29T23:00:00-10:00"), 840);
    expect(t && formatCaptureTime(t.wall, t.offsetMinutes)).toBe("2011-12-30T23:00:00+14:00");
  });
});

describe("zone choice values", () => {
  it("round-trips through the select's value", () => {
    for (const choice of [
      { kind: "naive" } as const,
      { kind: "offset", offsetMinutes: -570 } as const,
      { kind: "offset", offsetMinutes: 345 } as const,
      { kind: "zone", zone: "Etc/GMT+5" } as const,
    ]) {
      expect(parseZoneChoice(zoneChoiceValue(choice))).toEqual(choice);
    }
    expect(parseZoneChoice("zone:Nowhere/Special")).toBeNull();
    expect(parseZoneChoice("bogus")).toBeNull();
  });
});
