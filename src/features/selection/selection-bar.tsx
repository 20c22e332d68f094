/**
 * The bar shown while assets are selected: how many, and what can be done to
 * all of them at once (rating, description, move to trash). Also the
 * selection's keys on the library: Ctrl/Cmd+A selects everything, Esc clears,
 * Delete moves the selection to the trash.
 */
import {
  type FormEvent,
  type KeyboardEvent as ReactKeyboardEvent,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from "react";
import { Button } from "../../components/ui/button";
import { CloseIcon } from "../../components/ui/icons";
import { toast } from "../../components/ui/toast";
import { parseCaptureTime } from "../../lib/capture-time";
import { formatCount } from "../../lib/format";
import { isTypingTarget } from "../../lib/typing-target";
import { selectAll } from "./gestures";
import type { SelectionStore } from "./selection-store";
import { readCaptureTimes, shiftAmountMs, shiftCaptureTime } from "./time-shift";
import { useBulkUpdate } from "./use-bulk-update";

/** "lat, lng" in decimal degrees, or null. */
export function parseCoordinates(text: string): { latitude: number; longitude: number } | null {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*[,\s]\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (!m) return null;
  const latitude = Number(m[1]);
  const longitude = Number(m[2]);
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return { latitude, longitude };
}

const inputClass = "h-8 rounded-md border border-neutral-300 bg-white px-2 dark:border-neutral-700 dark:bg-neutral-900";

/** Keys that act on the selection while the library (and nothing over it) is showing. */
export function useSelectionKeys(store: SelectionStore, onTrash: (ids: string[]) => void): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || window.location.pathname !== "/" || isTypingTarget(event.target)) return;
      if (document.querySelector("dialog[open], [role='dialog']")) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "a") {
        event.preventDefault();
        void selectAll(store);
      } else if (event.key === "Escape" && (store.size > 0 || store.getLoading() !== null)) {
        event.preventDefault();
        store.clear();
      } else if (event.key === "Delete" && store.size > 0) {
        event.preventDefault();
        onTrash(store.list());
      }
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [store, onTrash]);
}

const RATINGS = ["0", "1", "2", "3", "4", "5"];

/** The CSS variable by which the toasts are raised while the bar shows (read in toast.tsx). */
const SELECTION_BAR_SPACE = "--selection-bar-space";

type Editor = "description" | "location" | "time" | null;

export function SelectionBar({ store, onTrash }: { store: SelectionStore; onTrash: (ids: string[]) => void }) {
  const count = useSyncExternalStore(store.subscribe, store.getSize);
  const loading = useSyncExternalStore(store.subscribe, store.getLoading);
  const bulk = useBulkUpdate();
  const [editing, setEditing] = useState<Editor>(null);
  const [description, setDescription] = useState("");
  const [coordinates, setCoordinates] = useState("");
  const [shift, setShift] = useState({ days: "0", hours: "0", minutes: "0" });
  const [setTo, setSetTo] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  useSelectionKeys(store, onTrash);
  const visible = count > 0 || loading !== null;
  const section = useRef<HTMLElement>(null);
  // Toasts (bottom left) rise above the bar instead of covering its count: see SELECTION_BAR_SPACE.
  useLayoutEffect(() => {
    const element = section.current;
    if (!visible || !element) return;
    const root = document.documentElement;
    const place = () => root.style.setProperty(SELECTION_BAR_SPACE, `${element.offsetHeight + 16}px`);
    place();
    const observer = new ResizeObserver(place);
    observer.observe(element);
    return () => {
      observer.disconnect();
      root.style.removeProperty(SELECTION_BAR_SPACE);
    };
  }, [visible]);
  if (!visible) return null;

  const apply = (what: string, change: Parameters<typeof bulk.mutate>[0]["updates"][number]["change"]) =>
    bulk.mutate({ what, updates: store.list().map((id) => ({ id, change })) });

  const open = (editor: Editor) => {
    setProblem(null);
    setEditing(editor);
  };

  const saveDescription = (event: FormEvent) => {
    event.preventDefault();
    apply("description", { description: description.trim() === "" ? null : description });
    setEditing(null);
  };

  const saveLocation = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseCoordinates(coordinates);
    if (!parsed) {
      setProblem("Type latitude, longitude in decimal degrees, e.g. -33.86, 151.21");
      return;
    }
    apply("location", parsed);
    setEditing(null);
  };

  const shiftTimes = async (event: FormEvent) => {
    event.preventDefault();
    const amount = shiftAmountMs({
      days: Number(shift.days) || 0,
      hours: Number(shift.hours) || 0,
      minutes: Number(shift.minutes) || 0,
    });
    if (amount === 0) {
      setProblem("Give an amount to shift by.");
      return;
    }
    setEditing(null);
    try {
      const times = await readCaptureTimes(store.list());
      const updates = [...times].flatMap(([id, value]) => {
        const next = shiftCaptureTime(value, amount);
        return next === null ? [] : [{ id, change: { original_datetime: next } }];
      });
      bulk.mutate({ what: "capture time", updates });
    } catch (error) {
      toast({ id: "bulk-update", kind: "error", title: "Couldn't read the capture times", message: String(error) });
    }
  };

  const setTimes = (event: FormEvent) => {
    event.preventDefault();
    if (parseCaptureTime(setTo) === null) {
      setProblem("Type a date-time like 2024-07-04T14:03:00+02:00 (the offset is optional).");
      return;
    }
    apply("capture time", { original_datetime: setTo.trim() });
    setEditing(null);
  };

  const closeOnEscape = (event: ReactKeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      setEditing(null);
    }
  };

  return (
    <section
      ref={section}
      aria-label="Selection"
      className="absolute bottom-4 left-1/2 z-40 flex max-w-[calc(100%-2rem)] -translate-x-1/2 flex-wrap items-center gap-2 rounded-xl border border-neutral-200 bg-white px-3 py-2 text-sm shadow-lg dark:border-neutral-700 dark:bg-neutral-900"
    >
      <Button size="icon" variant="ghost" aria-label="Clear selection" onClick={() => store.clear()}>
        <CloseIcon className="size-4" />
      </Button>
      {/* Busy while pages are read: read out once, with the final count, not at every page. */}
      <p aria-live="polite" aria-busy={loading !== null} className="mr-2 font-medium tabular-nums">
        {formatCount(count)} selected
      </p>
      {loading !== null && (
        <span className="flex items-center gap-1 text-neutral-600 dark:text-neutral-400">
          <span
            aria-hidden="true"
            className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent motion-reduce:animate-none"
          />
          <span>Selecting {loading}…</span>
          <Button size="sm" variant="ghost" onClick={() => store.stopLoading()}>
            Stop
          </Button>
        </span>
      )}
      <label className="flex items-center gap-1.5">
        <span>Rating</span>
        <select
          aria-label="Set rating"
          value=""
          disabled={bulk.isPending}
          onChange={(event) => {
            const value = event.target.value;
            if (value === "") return;
            apply("rating", { rating: value === "none" ? null : Number(value) });
          }}
          className={inputClass}
        >
          <option value="">Set…</option>
          {RATINGS.map((r) => (
            <option key={r} value={r}>
              {r === "0" ? "0 stars" : `${r} ${r === "1" ? "star" : "stars"}`}
            </option>
          ))}
          <option value="none">From the file</option>
        </select>
      </label>
      {editing === "description" ? (
        <form onSubmit={saveDescription} className="flex items-center gap-1.5">
          <input
            aria-label="Description for the selection"
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            onKeyDown={closeOnEscape}
            className={`${inputClass} w-56`}
          />
          <Button size="sm" variant="primary" type="submit">
            Save
          </Button>
        </form>
      ) : (
        <Button
          size="sm"
          disabled={bulk.isPending}
          onClick={() => {
            setDescription("");
            open("description");
          }}
        >
          Description…
        </Button>
      )}
      {editing === "location" ? (
        <form onSubmit={saveLocation} onKeyDown={closeOnEscape} className="flex items-center gap-1.5">
          <input
            aria-label="Coordinates for the selection"
            placeholder="lat, lng"
            value={coordinates}
            onChange={(event) => setCoordinates(event.target.value)}
            className={`${inputClass} w-44`}
          />
          <Button size="sm" variant="primary" type="submit">
            Set location
          </Button>
          <Button
            size="sm"
            onClick={() => {
              apply("location", { latitude: null, longitude: null });
              setEditing(null);
            }}
          >
            Remove location
          </Button>
        </form>
      ) : (
        <Button size="sm" disabled={bulk.isPending} onClick={() => open("location")}>
          Location…
        </Button>
      )}
      {editing === "time" ? (
        <div className="flex flex-wrap items-center gap-1.5">
          <form
            onSubmit={(event) => void shiftTimes(event)}
            onKeyDown={closeOnEscape}
            className="flex items-center gap-1"
          >
            {(["days", "hours", "minutes"] as const).map((unit) => (
              <label key={unit} className="flex items-center gap-1">
                <input
                  type="number"
                  aria-label={`Shift ${unit}`}
                  value={shift[unit]}
                  onChange={(event) => setShift({ ...shift, [unit]: event.target.value })}
                  className={`${inputClass} w-16`}
                />
                <span className="text-xs text-neutral-600 dark:text-neutral-400">{unit[0]}</span>
              </label>
            ))}
            <Button size="sm" variant="primary" type="submit">
              Shift times
            </Button>
          </form>
          <form onSubmit={setTimes} onKeyDown={closeOnEscape} className="flex items-center gap-1">
            <input
              aria-label="Set capture time"
              placeholder="2024-07-04T14:03:00+02:00"
              value={setTo}
              onChange={(event) => setSetTo(event.target.value)}
              className={`${inputClass} w-56`}
            />
            <Button size="sm" type="submit">
              Set time
            </Button>
          </form>
        </div>
      ) : (
        <Button size="sm" disabled={bulk.isPending} onClick={() => open("time")}>
          Time…
        </Button>
      )}
      <Button size="sm" disabled={bulk.isPending} onClick={() => onTrash(store.list())}>
        Move to trash
      </Button>
      {problem && editing !== null && (
        <p role="alert" className="w-full text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
      {bulk.progress && bulk.progress.total > 200 && (
        <p className="text-neutral-600 tabular-nums dark:text-neutral-400">
          Saving {formatCount(bulk.progress.done)} of {formatCount(bulk.progress.total)}…
        </p>
      )}
    </section>
  );
}
