/**
 * True when a key press belongs to what has the focus: a text field, a
 * select or an editable region. Single-key shortcuts leave those alone.
 * Inputs that are buttons in disguise (checkbox, range, file…) do not count.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !["button", "checkbox", "radio", "range", "reset", "submit", "color", "file", "image"].includes(target.type);
  }
  return false;
}
