import { useEffect, useRef, useState } from "react";
import { Button } from "../components/ui/button";
import { CloseIcon, Icon, type IconProps } from "../components/ui/icons";
import { isTypingTarget } from "../lib/typing-target";

function KeyboardIcon(props: IconProps) {
  return (
    <Icon {...props}>
      <rect x="2.5" y="6" width="19" height="12" rx="2" />
      <path d="M6 10h.01M10 10h.01M14 10h.01M18 10h.01M7 14h10" />
    </Icon>
  );
}

const GROUPS: { title: string; keys: [string[], string][] }[] = [
  {
    title: "Library",
    keys: [
      [["←", "→", "↑", "↓"], "Move between photos"],
      [["Enter"], "Open the photo"],
      [["Page Up", "Page Down"], "Scroll a screen"],
      [["Home", "End"], "Newest, oldest"],
      [["Delete"], "Move to the trash (with Undo)"],
    ],
  },
  {
    title: "Selection",
    keys: [
      [["Ctrl/⌘", "click"], "Add or remove one photo"],
      [["Shift", "click"], "Select everything in between"],
      [["Ctrl/⌘", "A"], "Select all"],
      [["Esc"], "Clear the selection"],
    ],
  },
  {
    title: "Open photo",
    keys: [
      [["←", "→"], "Newer, older photo"],
      [["0", "–", "5"], "Rating"],
      [["Ctrl/⌘", "Enter"], "Save the description"],
      [["Esc"], "Undo typing, then close"],
    ],
  },
  {
    title: "Anywhere",
    keys: [
      [["Ctrl/⌘", "V"], "Upload pasted photos"],
      [["?"], "This list"],
    ],
  },
];

/**
 * The keyboard shortcuts, in a modal <dialog> (focus trapped, Esc closes):
 * from the header's keyboard button or the ? key anywhere outside a text field.
 */
export function KeyboardShortcuts() {
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "?" || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTypingTarget(event.target) || document.querySelector("dialog[open]")) return;
      event.preventDefault();
      setOpen(true);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  useEffect(() => {
    const element = dialog.current;
    if (open && element && !element.open) element.showModal();
  }, [open]);

  return (
    <>
      <Button
        variant="ghost"
        size="icon"
        aria-label="Keyboard shortcuts"
        title="Keyboard shortcuts (?)"
        // Phones have no keyboard to speak of; the header needs the room there.
        className="max-sm:hidden"
        onClick={() => setOpen(true)}
      >
        <KeyboardIcon className="size-5" />
      </Button>
      {open && (
        // biome-ignore lint/a11y/useKeyWithClickEvents: the click only catches the backdrop; the keyboard closes a modal <dialog> with Esc natively.
        <dialog
          ref={dialog}
          aria-labelledby="shortcuts-title"
          onClose={() => setOpen(false)}
          onClick={(event) => {
            // A click on the backdrop (the dialog element itself, outside its box) closes it.
            if (event.target === event.currentTarget) event.currentTarget.close();
          }}
          className="m-auto w-full max-w-2xl rounded-xl border border-neutral-200 bg-white p-0 text-neutral-900 shadow-xl backdrop:bg-black/40 dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-100"
        >
          <div className="p-5">
            <div className="flex items-center justify-between">
              <h2 id="shortcuts-title" className="text-base font-semibold">
                Keyboard shortcuts
              </h2>
              <Button variant="ghost" size="icon" aria-label="Close" autoFocus onClick={() => dialog.current?.close()}>
                <CloseIcon className="size-4" />
              </Button>
            </div>
            <div className="mt-3 grid gap-x-8 gap-y-4 sm:grid-cols-2">
              {GROUPS.map((group) => (
                <section key={group.title} aria-label={group.title}>
                  <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-neutral-500 uppercase dark:text-neutral-400">
                    {group.title}
                  </h3>
                  <dl className="space-y-1.5 text-sm">
                    {group.keys.map(([keys, what]) => (
                      <div key={what} className="flex items-center justify-between gap-4">
                        <dt className="text-neutral-700 dark:text-neutral-300">{what}</dt>
                        <dd className="flex shrink-0 items-center gap-1">
                          {keys.map((key) =>
                            key === "click" || key === "–" ? (
                              <span key={key} className="text-xs text-neutral-500 dark:text-neutral-400">
                                {key}
                              </span>
                            ) : (
                              <kbd
                                key={key}
                                className="rounded border border-neutral-300 bg-neutral-50 px-1.5 py-0.5 font-sans text-xs dark:border-neutral-600 dark:bg-neutral-800"
                              >
                                {key}
                              </kbd>
                            ),
                          )}
                        </dd>
                      </div>
                    ))}
                  </dl>
                </section>
              ))}
            </div>
          </div>
        </dialog>
      )}
    </>
  );
}
