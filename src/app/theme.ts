/**
 * Light/dark theme. With no stored choice the page follows
 * `prefers-color-scheme`; the toggle stores a choice in localStorage, and
 * choosing what the system already wants forgets it (back to following).
 * The effective theme is a `dark` class on <html> (Tailwind's dark variant).
 */
import { useSyncExternalStore } from "react";

export type Theme = "light" | "dark";

const STORAGE_KEY = "gumleaf:theme";
const listeners = new Set<() => void>();
let systemQuery: MediaQueryList | null = null;

function systemTheme(): Theme {
  return systemQuery?.matches ? "dark" : "light";
}

function storedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === "light" || value === "dark" ? value : null;
  } catch {
    return null; // storage disabled: follow the system
  }
}

export function currentTheme(): Theme {
  return storedTheme() ?? systemTheme();
}

function apply(): void {
  const theme = currentTheme();
  const root = document.documentElement;
  root.classList.toggle("dark", theme === "dark");
  root.style.colorScheme = theme;
}

function changed(): void {
  apply();
  for (const listener of listeners) listener();
}

/** Applies the theme now and keeps it in step with the system and with other tabs. Call once, before rendering. */
export function initTheme(): void {
  systemQuery = window.matchMedia("(prefers-color-scheme: dark)");
  systemQuery.addEventListener("change", changed);
  window.addEventListener("storage", (event) => {
    if (event.key === STORAGE_KEY || event.key === null) changed();
  });
  apply();
}

export function setTheme(theme: Theme): void {
  try {
    if (theme === systemTheme()) localStorage.removeItem(STORAGE_KEY);
    else localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Storage disabled: the choice lasts for this page only.
    document.documentElement.classList.toggle("dark", theme === "dark");
  }
  changed();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, currentTheme);
}
