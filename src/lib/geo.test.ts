import { describe, expect, it } from "vitest";
import { formatCoordinates, formatCoordinatesHuman, parseCoordinates } from "./geo";

const ok = (input: string) => {
  const r = parseCoordinates(input);
  if (!r.ok) throw new Error(`${input}: ${r.message}`);
  return [r.value.latitude, r.value.longitude];
};

describe("parseCoordinates", () => {
  it.each([
    ["48.8584, 2.2945", [48.8584, 2.2945]],
    ["48.8584,2.2945", [48.8584, 2.2945]],
    ["48.8584 2.2945", [48.8584, 2.2945]],
    ["  -33.8568 ; 151.2153 ", [-33.8568, 151.2153]],
    ["+35.6586, +139.7454", [35.6586, 139.7454]],
    ["48.8584° N, 2.2945° E", [48.8584, 2.2945]],
    ["33.8568 S 151.2153 E", [-33.8568, 151.2153]],
    ["N 37.8199, W 122.4783", [37.8199, -122.4783]],
    ["122.4783W 37.8199N", [37.8199, -122.4783]],
    ["0, 0", [0, 0]],
  ])("reads %s", (input, expected) => {
    expect(ok(input)).toEqual(expected);
  });

  it("reads degrees, minutes and seconds", () => {
    const [lat, lng] = ok(`48°51'30.2"N 2°17'40.2"E`);
    expect(lat).toBeCloseTo(48.858389, 5);
    expect(lng).toBeCloseTo(2.2945, 5);
    const [lat2, lng2] = ok("33°51′24″S, 151°12′55″E");
    expect(lat2).toBeCloseTo(-33.856667, 5);
    expect(lng2).toBeCloseTo(151.215278, 5);
  });

  it("leaves range checks to the wire schema", () => {
    expect(ok("91, 181")).toEqual([91, 181]);
  });

  it.each(["", "Paris", "48.8584", "48.8584, 2.2945, 7", "48 N 2 N", "12 E, 13 W", "48°61'N 2°E", "N48.1S, 2"])(
    "refuses %j",
    (input) => {
      expect(parseCoordinates(input).ok).toBe(false);
    },
  );
});

describe("formatting", () => {
  it("writes what the parser reads back", () => {
    const value = { latitude: 35.658581, longitude: 139.74543299990987 };
    expect(formatCoordinates(value)).toBe("35.658581, 139.745433");
    expect(ok(formatCoordinates(value))).toEqual([35.658581, 139.745433]);
  });

  it("writes hemispheres for reading", () => {
    expect(formatCoordinatesHuman({ latitude: -33.8568, longitude: -70.5 })).toBe("33.8568° S, 70.5° W");
  });
});
