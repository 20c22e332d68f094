import type { ReactNode } from "react";
import { LeafIcon } from "../components/ui/icons";
import { ConnectionStatus } from "../features/connection/connection-status";
import { KeyboardShortcuts } from "./keyboard-shortcuts";
import { ThemeToggle } from "./theme-toggle";

export function AppShell({ actions, children }: { actions?: ReactNode; children: ReactNode }) {
  return (
    // Full height: the page below the header owns its scrolling (the timeline virtualises its own).
    <div className="flex h-dvh flex-col">
      <header className="z-10 shrink-0 border-b border-neutral-200 bg-white dark:border-neutral-800 dark:bg-neutral-950">
        <div className="mx-auto flex h-14 max-w-screen-2xl items-center justify-between gap-4 px-4 sm:px-6">
          <div className="flex min-w-0 items-center gap-2 text-emerald-800 dark:text-emerald-400">
            <LeafIcon className="size-6 shrink-0" />
            <span className="shrink-0 text-lg font-semibold tracking-tight text-neutral-900 dark:text-neutral-50">
              Gumleaf
            </span>
            <ConnectionStatus />
          </div>
          <div className="flex shrink-0 items-center gap-1 sm:gap-2">
            {actions}
            <KeyboardShortcuts />
            <ThemeToggle />
          </div>
        </div>
      </header>
      <main className="relative min-h-0 flex-1 overflow-y-auto bg-white dark:bg-neutral-950">{children}</main>
    </div>
  );
}
