import { useSyncExternalStore } from "react";

/**
 * True while the page is in dark mode (the `dark` class on <html>, which the
 * app's theme code sets). Read from the document so this feature does not
 * reach into `app/`.
 */
export function useDarkMode(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const observer = new MutationObserver(onChange);
      observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
      return () => observer.disconnect();
    },
    () => document.documentElement.classList.contains("dark"),
    () => false,
  );
}
