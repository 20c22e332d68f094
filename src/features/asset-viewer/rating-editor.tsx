/**
 * 0–5 stars as a native radio group: click a star, use the arrow keys inside
 * the group, or press 0–5 anywhere in the viewer (handled by the viewer, which
 * calls the same `onRate`). "No rating" (0) is a real value: it masks a rating
 * stored in the file.
 */
import { memo, useId } from "react";
import { focusRing } from "../../components/ui/button";
import { cx } from "../../components/ui/cx";
import { StarIcon } from "./viewer-icons";

const VALUES = [0, 1, 2, 3, 4, 5] as const;

export const ratingLabel = (n: number) => (n === 0 ? "No rating" : `${n} star${n === 1 ? "" : "s"}`);

interface RatingEditorProps {
  rating: number;
  onRate: (rating: number) => void;
  /** The rating the user asked for that the server refused, kept so it can be tried again. */
  failed: number | null;
  onRetry: () => void;
}

export const RatingEditor = memo(function RatingEditor({ rating, onRate, failed, onRetry }: RatingEditorProps) {
  const name = useId();
  return (
    <div>
      <div
        role="radiogroup"
        aria-label="Rating"
        aria-describedby={`${name}-hint`}
        className="flex items-center gap-0.5"
      >
        {VALUES.map((n) => (
          <label
            key={n}
            data-rating={n}
            data-checked={rating === n ? "" : undefined}
            className={cx(
              "relative flex cursor-pointer items-center justify-center rounded-md transition-colors",
              "has-focus-visible:ring-2 has-focus-visible:ring-emerald-600 dark:has-focus-visible:ring-emerald-400",
              n === 0
                ? "order-last ml-2 px-2 py-1 text-xs text-neutral-600 hover:bg-neutral-100 dark:text-neutral-400 dark:hover:bg-neutral-800"
                : "size-9 hover:bg-amber-50 dark:hover:bg-amber-950/40",
              n === 0 && rating === 0 && "font-medium text-neutral-900 dark:text-neutral-100",
            )}
          >
            <input
              type="radio"
              name={name}
              value={n}
              checked={rating === n}
              aria-label={ratingLabel(n)}
              onChange={() => onRate(n)}
              className="absolute inset-0 m-0 size-full cursor-pointer appearance-none opacity-0"
            />
            {n === 0 ? (
              <span aria-hidden="true">{rating === 0 ? "Unrated" : "Clear"}</span>
            ) : (
              <StarIcon
                aria-hidden="true"
                filled={n <= rating}
                className={cx(
                  "size-6",
                  n <= rating ? "text-amber-500 dark:text-amber-400" : "text-neutral-400 dark:text-neutral-500",
                )}
              />
            )}
          </label>
        ))}
      </div>
      <p id={`${name}-hint`} className="sr-only">
        Keys 0 to 5 set the rating.
      </p>
      {failed !== null && (
        <p className="mt-1.5 flex items-center gap-2 text-sm text-red-700 dark:text-red-400">
          {ratingLabel(failed)} wasn't saved.
          <button
            type="button"
            onClick={onRetry}
            className={cx("rounded font-medium underline underline-offset-2", focusRing)}
          >
            Try again
          </button>
        </p>
      )}
    </div>
  );
});
