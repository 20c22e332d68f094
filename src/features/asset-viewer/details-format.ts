/** How the drawer writes camera and file facts. Pure, so it is tested without a browser. */
import type { Metadata } from "../../api/schemas";
import { MINUS } from "../../lib/datetime";

const trim = (value: number, decimals: number) => String(Number(value.toFixed(decimals)));

/** 0.004 → "1/250 s", 0.008333 → "1/120 s", 0.5 → "1/2 s", 0.3 → "0.3 s", 2.5 → "2.5 s". */
export function formatShutter(seconds: number | null | undefined): string | null {
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds <= 0) return null;
  if (seconds < 1) {
    const denominator = 1 / seconds;
    const rounded = Math.round(denominator);
    if (Math.abs(denominator - rounded) / rounded < 0.05) return `1/${rounded} s`;
  }
  return `${trim(seconds, 2)} s`;
}

/** 2.8 → "f/2.8", 8 → "f/8", 1.78 → "f/1.78". */
export function formatAperture(fNumber: number | null | undefined): string | null {
  return typeof fNumber === "number" && fNumber > 0 ? `f/${trim(fNumber, 2)}` : null;
}

export function formatIso(iso: number | null | undefined): string | null {
  return typeof iso === "number" && iso > 0 ? `ISO ${Math.round(iso)}` : null;
}

/** 35 → "35 mm", 6.86 → "6.86 mm". */
export function formatFocalLength(mm: number | null | undefined): string | null {
  return typeof mm === "number" && mm > 0 ? `${trim(mm, 2)} mm` : null;
}

/** −0.3 → "−0.3 EV", 0 → null (nothing to say), 1 → "+1 EV". */
export function formatExposureBias(ev: number | null | undefined): string | null {
  if (typeof ev !== "number" || !Number.isFinite(ev) || Math.abs(ev) < 0.005) return null;
  return `${ev < 0 ? MINUS : "+"}${trim(Math.abs(ev), 2)} EV`;
}

/** "f/2.8 · 1/250 s · ISO 200 · 35 mm", or null when the file says nothing. */
export function formatExposure(m: Metadata | null | undefined): string | null {
  if (!m) return null;
  const parts = [
    formatAperture(m.f_number),
    formatShutter(m.exposure_time),
    formatIso(m.iso),
    formatFocalLength(m.focal_length),
    formatExposureBias(m.exposure_bias),
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(" · ") : null;
}

/** "Canon EOS R5" rather than "Canon Canon EOS R5"; "SONY ILCE-7M4" kept as it is. */
export function formatCamera(m: Metadata | null | undefined): string | null {
  const make = m?.make?.trim() ?? "";
  const model = m?.model?.trim() ?? "";
  if (!make && !model) return null;
  if (!make) return model;
  if (!model) return make;
  return model.toLowerCase().startsWith(make.toLowerCase()) ? model : `${make} ${model}`;
}

/** "1600 × 1067", or null while unknown (0 × 0). */
export function formatDimensions(width: number, height: number): string | null {
  return width > 0 && height > 0 ? `${width} × ${height}` : null;
}

/** 1600 × 1067 → "1.7 MP". */
export function formatMegapixels(width: number, height: number): string | null {
  if (width <= 0 || height <= 0) return null;
  const mp = (width * height) / 1_000_000;
  return `${mp < 10 ? trim(mp, 1) : Math.round(mp)} MP`;
}
