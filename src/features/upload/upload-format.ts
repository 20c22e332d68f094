/** Wording for the upload panel (pure, tested). */
import { formatBytes, formatCount, formatCountOf } from "../../lib/format";
import type { UploadSummary } from "./upload-queue";

/** 3_400_000 → "3.4 MB/s". */
export function formatSpeed(bytesPerSecond: number): string {
  return `${formatBytes(Math.round(bytesPerSecond))}/s`;
}

/** 8 → "8 s left", 95 → "2 min left", 4000 → "1 h 7 min left"; rounds up so it never says 0. */
export function formatTimeLeft(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "";
  if (seconds < 60) return `${Math.max(1, Math.ceil(seconds))} s left`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min left`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h left` : `${h} h ${m} min left`;
}

/** The panel's first line: what is happening, or how it ended. */
export function summaryHeadline(s: UploadSummary): string {
  const { counts } = s;
  if (s.active > 0) {
    const verb = s.paused ? "Paused" : counts.uploading > 0 ? "Uploading" : "Preparing";
    return `${verb}: ${formatCount(s.finished)} of ${formatCountOf(s.total, "file")} done`;
  }
  const parts: string[] = [];
  if (counts.added > 0) parts.push(`${formatCount(counts.added)} added`);
  if (counts.duplicate > 0) parts.push(`${formatCount(counts.duplicate)} already in library`);
  if (counts.rejected > 0) parts.push(`${formatCount(counts.rejected)} rejected`);
  if (counts.failed > 0) parts.push(`${formatCount(counts.failed)} failed`);
  if (counts.skipped > 0) parts.push(`${formatCount(counts.skipped)} skipped`);
  if (counts.cancelled > 0) parts.push(`${formatCount(counts.cancelled)} cancelled`);
  return parts.length > 0 ? `Done: ${parts.join(", ")}` : "Done";
}

/** The second line: bytes, speed and time left while uploading. */
export function summaryDetail(s: UploadSummary): string {
  const parts = [`${formatBytes(s.bytesDone)} of ${formatBytes(s.bytesTotal)}`];
  if (s.active > 0 && !s.paused && s.speed !== null) {
    parts.push(formatSpeed(s.speed));
    if (s.secondsLeft !== null) parts.push(formatTimeLeft(s.secondsLeft));
  }
  return parts.join(" · ");
}
