import { useEffect, useRef } from "react";
import { Button } from "../../components/ui/button";

/**
 * A modal confirmation for something that cannot be undone. A native
 * <dialog> opened with showModal(): focus is trapped, Esc cancels, and the
 * safe choice (Cancel) has the focus first.
 */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  busy = false,
  onConfirm,
  onCancel,
}: {
  title: string;
  message: string;
  confirmLabel: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      role="alertdialog"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-message"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      className="m-auto w-full max-w-sm rounded-xl border border-neutral-200 bg-white p-5 text-neutral-900 shadow-xl backdrop:bg-black/40 dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-100"
    >
      <h2 id="confirm-title" className="text-base font-semibold">
        {title}
      </h2>
      <p id="confirm-message" className="mt-2 text-sm text-neutral-600 dark:text-neutral-400">
        {message}
      </p>
      <div className="mt-5 flex justify-end gap-2">
        <Button autoFocus onClick={onCancel}>
          Cancel
        </Button>
        <Button
          variant="primary"
          disabled={busy}
          onClick={onConfirm}
          className="bg-red-700 hover:bg-red-800 active:bg-red-900 dark:bg-red-600 dark:hover:bg-red-500"
        >
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  );
}
