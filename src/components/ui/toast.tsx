/**
 * Toasts: short messages about something that happened elsewhere on the
 * screen (a save that failed, a change undone). Callable from anywhere, also
 * outside React (mutation callbacks): `toast({ kind: "error", title, message })`.
 *
 * - Errors are `role="alert"` (announced at once) and stay until dismissed;
 *   other toasts are `role="status"` and leave after a few seconds, pausing
 *   while hovered or focused.
 * - A toast with an `id` replaces the previous one with that id, so a field
 *   that fails twice does not stack two messages.
 * - `<Toaster />` renders into `document.body`, so it stays usable while a
 *   modal dialog makes the rest of the app inert.
 */
import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import { createPortal } from "react-dom";
import { focusRing } from "./button";
import { cx } from "./cx";
import { AlertIcon, CheckIcon, CloseIcon } from "./icons";

export type ToastKind = "error" | "success" | "info";

export interface ToastOptions {
  /** Same id → replaces the toast already showing. */
  id?: string;
  kind?: ToastKind;
  title: string;
  message?: string;
  /** Milliseconds before it leaves on its own; `null` = until dismissed. Errors default to `null`. */
  duration?: number | null;
  action?: { label: string; onClick: () => void };
}

interface ToastEntry extends Required<Pick<ToastOptions, "id" | "kind" | "title">> {
  message?: string;
  duration: number | null;
  action?: ToastOptions["action"];
  /** Changes on every show, so a replaced toast restarts its timer. */
  version: number;
}

const MAX_TOASTS = 4;
let toasts: readonly ToastEntry[] = [];
let counter = 0;
const listeners = new Set<() => void>();

function emit(next: readonly ToastEntry[]) {
  toasts = next;
  for (const listener of listeners) listener();
}

/** Shows a toast; returns its id. */
export function toast(options: ToastOptions): string {
  counter += 1;
  const kind = options.kind ?? "info";
  const entry: ToastEntry = {
    id: options.id ?? `toast-${counter}`,
    kind,
    title: options.title,
    message: options.message,
    duration: options.duration === undefined ? (kind === "error" ? null : 5000) : options.duration,
    action: options.action,
    version: counter,
  };
  emit([...toasts.filter((t) => t.id !== entry.id), entry].slice(-MAX_TOASTS));
  return entry.id;
}

export function dismissToast(id: string): void {
  if (toasts.some((t) => t.id === id)) emit(toasts.filter((t) => t.id !== id));
}

/** The toasts showing now (for tests and for the Toaster). */
export function currentToasts(): readonly ToastEntry[] {
  return toasts;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useToasts(): readonly ToastEntry[] {
  return useSyncExternalStore(subscribe, currentToasts, currentToasts);
}

/** Mount once, near the root of the app. */
export function Toaster() {
  const list = useToasts();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (!mounted) return null;
  return createPortal(
    <section
      aria-label="Notifications"
      // Raised above the selection bar while it shows (it sets the variable), not over its count.
      className="pointer-events-none fixed inset-x-0 bottom-[var(--selection-bar-space,0px)] z-[60] flex flex-col items-center gap-2 p-4 sm:items-start"
    >
      {list.map((t) => (
        // A replaced toast remounts: its timer restarts and it is announced again.
        <ToastItem key={`${t.id}:${t.version}`} entry={t} />
      ))}
    </section>,
    document.body,
  );
}

function ToastItem({ entry }: { entry: ToastEntry }) {
  const [paused, setPaused] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (entry.duration === null || paused) return;
    const timer = setTimeout(() => dismissToast(entry.id), entry.duration);
    return () => clearTimeout(timer);
  }, [entry.id, entry.duration, paused]);

  const error = entry.kind === "error";
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: hovering or focusing a toast only pauses its timer.
    <div
      ref={ref}
      role={error ? "alert" : "status"}
      aria-live={error ? "assertive" : "polite"}
      aria-atomic="true"
      data-toast-kind={entry.kind}
      onPointerEnter={() => setPaused(true)}
      onPointerLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={(e) => {
        if (!ref.current?.contains(e.relatedTarget as Node | null)) setPaused(false);
      }}
      className={cx(
        "pointer-events-auto flex w-full max-w-md items-start gap-3 rounded-xl border p-3.5 pr-2 text-sm shadow-lg",
        error
          ? "border-red-200 bg-white text-neutral-900 dark:border-red-900/70 dark:bg-neutral-900 dark:text-neutral-100"
          : "border-neutral-200 bg-white text-neutral-900 dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-100",
      )}
    >
      {error ? (
        <AlertIcon className="mt-0.5 size-5 shrink-0 text-red-600 dark:text-red-400" />
      ) : (
        <CheckIcon className="mt-0.5 size-5 shrink-0 text-emerald-600 dark:text-emerald-400" />
      )}
      <div className="min-w-0 flex-1">
        <p className="font-medium">{entry.title}</p>
        {entry.message && <p className="mt-0.5 text-neutral-600 dark:text-neutral-400">{entry.message}</p>}
        {entry.action && (
          <button
            type="button"
            onClick={() => {
              entry.action?.onClick();
              dismissToast(entry.id);
            }}
            className={cx(
              "mt-2 rounded-md px-2 py-1 font-medium text-emerald-800 hover:bg-emerald-50 dark:text-emerald-400 dark:hover:bg-emerald-950",
              focusRing,
            )}
          >
            {entry.action.label}
          </button>
        )}
      </div>
      <button
        type="button"
        aria-label="Dismiss notification"
        onClick={() => dismissToast(entry.id)}
        className={cx(
          "flex size-8 shrink-0 items-center justify-center rounded-md text-neutral-500 hover:bg-neutral-100 hover:text-neutral-900 dark:hover:bg-neutral-800 dark:hover:text-neutral-100",
          focusRing,
        )}
      >
        <CloseIcon className="size-4" />
      </button>
    </div>
  );
}
