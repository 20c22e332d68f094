import { cx } from "./cx";

/** A determinate bar; `value` is 0–1. Labelled by `label` for assistive technology. */
export function ProgressBar({ value, label, className }: { value: number; label: string; className?: string }) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      className={cx("h-1.5 overflow-hidden rounded-full bg-neutral-200 dark:bg-neutral-800", className)}
    >
      <div
        className="h-full rounded-full bg-emerald-600 transition-[width] duration-200 dark:bg-emerald-500"
        style={{ width: `${percent}%` }}
      />
    </div>
  );
}
