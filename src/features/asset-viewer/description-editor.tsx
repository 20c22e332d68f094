/**
 * The user's description: saved when the field loses focus or on
 * Ctrl/Cmd+Enter; Esc puts back what was saved. A blank field clears the
 * override (sends null) and the file's own caption shows again. When a save
 * fails, the text stays in the field, marked unsaved, to try again.
 */
import { type KeyboardEvent, memo, useId, useState } from "react";
import type { UpdateAssetBody } from "../../api/schemas";
import { buildUpdateBody } from "../../api/update-asset";
import { focusRing } from "../../components/ui/button";
import { cx } from "../../components/ui/cx";

const SAVE_KEYS =
  typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform) ? "⌘+Enter" : "Ctrl+Enter";

interface DescriptionEditorProps {
  /** The effective description (the user's, else the file's caption). */
  value: string | null;
  save: (body: UpdateAssetBody) => Promise<unknown>;
}

export const DescriptionEditor = memo(function DescriptionEditor({ value, save }: DescriptionEditorProps) {
  const id = useId();
  /** What the user typed and hasn't saved; null = the field shows the saved value. */
  const [draft, setDraft] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const saved = value ?? "";
  const shown = draft ?? saved;
  const dirty = draft !== null && draft !== saved;

  const commit = async () => {
    if (draft === null) return;
    const text = draft;
    const body = buildUpdateBody({ description: text });
    if ((body.description ?? "") === saved || (body.description === null && value === null)) {
      setDraft(null);
      setFailed(false);
      return;
    }
    setDraft(null);
    setFailed(false);
    try {
      await save(body);
    } catch {
      // The mutation has rolled back and shown a toast; keep the text to try again.
      setDraft(text);
      setFailed(true);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void commit();
    } else if (e.key === "Escape" && (dirty || failed)) {
      // Restore, and keep the viewer open (it closes on Esc only when nothing is being edited).
      e.preventDefault();
      e.stopPropagation();
      setDraft(null);
      setFailed(false);
    }
  };

  return (
    <div>
      <label htmlFor={id} className="sr-only">
        Description
      </label>
      <textarea
        id={id}
        value={shown}
        placeholder="Add a description"
        rows={2}
        aria-describedby={`${id}-hint`}
        aria-invalid={failed || undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => void commit()}
        onKeyDown={onKeyDown}
        className={cx(
          "field-sizing-content block max-h-60 min-h-16 w-full resize-none rounded-lg border bg-transparent px-3 py-2 text-sm leading-relaxed",
          "placeholder:text-neutral-400 dark:placeholder:text-neutral-500",
          failed
            ? "border-red-400 dark:border-red-700"
            : "border-neutral-200 hover:border-neutral-300 dark:border-neutral-700 dark:hover:border-neutral-600",
          focusRing,
        )}
      />
      {failed ? (
        <p
          id={`${id}-hint`}
          className="mt-1.5 flex flex-wrap items-center gap-x-3 text-sm text-red-700 dark:text-red-400"
        >
          Not saved.
          <button
            type="button"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void commit()}
            className={cx("rounded font-medium underline underline-offset-2", focusRing)}
          >
            Try again
          </button>
          <button
            type="button"
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              setDraft(null);
              setFailed(false);
            }}
            className={cx("rounded underline underline-offset-2", focusRing)}
          >
            Discard
          </button>
        </p>
      ) : (
        <p id={`${id}-hint`} className="mt-1 text-xs text-neutral-500 dark:text-neutral-400">
          Saved when you leave the field or press {SAVE_KEYS}. Esc undoes.
        </p>
      )}
    </div>
  );
});
