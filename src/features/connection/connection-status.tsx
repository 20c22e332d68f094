import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { createPortal } from "react-dom";
import { ApiError } from "../../api/client";
import { Button } from "../../components/ui/button";
import { cx } from "../../components/ui/cx";
import { AlertIcon, Icon, type IconProps, RetryIcon } from "../../components/ui/icons";
import type { CurrentUser } from "./connection-schemas";
import { connectionQueries } from "./get-connection";

export const GUMNUT_KEY_REJECTED = "Gumnut rejected the API key (401). Check GUMNUT_API_KEY in .env and restart.";
export const SESSION_ENDED =
  "This Gumleaf server needs its API key, and this browser is not signed in. Reload the page to sign in.";

const isUnauthorized = (error: unknown) => error instanceof ApiError && error.status === 401;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function displayName(user: CurrentUser): string | null {
  if (user.email) return user.email;
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ");
  return name === "" ? null : name;
}

/**
 * Shows in the header which library the app is connected to: the local one on
 * this computer, or a hosted Gumnut account (and as whom). When the server or
 * Gumnut refuses the key, a banner under the header says what to fix.
 */
export function ConnectionStatus() {
  const config = useQuery(connectionQueries.config());
  const me = useQuery({ ...connectionQueries.me(), enabled: config.isSuccess });

  if (config.isError) {
    // Unreachable servers are reported by the page itself; only a refused session is said here.
    if (!isUnauthorized(config.error)) return null;
    return (
      <>
        <Chip tone="error" icon={<LockIcon />} label="Not signed in" title={SESSION_ENDED} />
        <Banner
          message={SESSION_ENDED}
          action={
            <Button size="sm" onClick={() => window.location.reload()}>
              <RetryIcon />
              Reload
            </Button>
          }
        />
      </>
    );
  }
  if (!config.data) return null;

  if (config.data.mode === "local") {
    const library = me.data?.library_name;
    return (
      <Chip
        tone="local"
        icon={<ComputerIcon />}
        label="Local library"
        title={library ? `“${library}”, kept on this computer` : "A library kept on this computer"}
      />
    );
  }

  const host = hostOf(config.data.base_url);
  if (me.isError && isUnauthorized(me.error)) {
    return (
      <>
        <Chip tone="error" icon={<CloudIcon />} label="Gumnut: key rejected" title={GUMNUT_KEY_REJECTED} />
        <Banner message={GUMNUT_KEY_REJECTED} />
      </>
    );
  }
  const who = me.data ? displayName(me.data) : null;
  return (
    <Chip
      tone="gumnut"
      icon={<CloudIcon />}
      label={who ? `Gumnut · ${who}` : "Gumnut"}
      title={who ? `Connected to Gumnut (${host}) as ${who}` : `Connected to Gumnut (${host})`}
    />
  );
}

const tones = {
  local:
    "border-emerald-200 bg-emerald-50 text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-300",
  gumnut: "border-sky-200 bg-sky-50 text-sky-800 dark:border-sky-900 dark:bg-sky-950 dark:text-sky-300",
  error: "border-red-200 bg-red-50 text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-300",
};

function Chip({
  tone,
  icon,
  label,
  title,
}: {
  tone: keyof typeof tones;
  icon: ReactNode;
  label: string;
  title: string;
}) {
  return (
    <p
      title={title}
      className={cx(
        "inline-flex max-w-[45vw] min-w-0 items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs font-medium",
        tones[tone],
      )}
    >
      {icon}
      {/* On a phone the icon says it; the words stay for screen readers. */}
      <span className="truncate max-sm:sr-only">{label}</span>
      <span className="sr-only">. {title}</span>
    </p>
  );
}

/** A bar just under the header (which is 3.5 rem tall), over the page, until the cause is fixed. */
function Banner({ message, action }: { message: string; action?: ReactNode }) {
  return createPortal(
    <div
      role="alert"
      className="fixed inset-x-0 top-14 z-20 border-b border-red-200 bg-red-50 text-red-900 shadow-sm dark:border-red-900 dark:bg-red-950 dark:text-red-100"
    >
      <div className="mx-auto flex max-w-screen-2xl items-center gap-3 px-4 py-2.5 text-sm sm:px-6">
        <AlertIcon className="size-5 shrink-0 text-red-600 dark:text-red-400" />
        <p className="flex-1 font-medium">{message}</p>
        {action}
      </div>
    </div>,
    document.body,
  );
}

function ComputerIcon(props: IconProps) {
  return (
    <Icon strokeWidth={2} className="size-3.5 shrink-0" {...props}>
      <rect x="3" y="4" width="18" height="12" rx="2" />
      <path d="M8 20h8M12 16v4" strokeLinecap="round" />
    </Icon>
  );
}

function CloudIcon(props: IconProps) {
  return (
    <Icon strokeWidth={2} className="size-3.5 shrink-0" {...props}>
      <path d="M7 18h10a4 4 0 0 0 .6-7.96A6 6 0 0 0 6.1 9.02 4.5 4.5 0 0 0 7 18Z" strokeLinejoin="round" />
    </Icon>
  );
}

function LockIcon(props: IconProps) {
  return (
    <Icon strokeWidth={2} className="size-3.5 shrink-0" {...props}>
      <rect x="5" y="11" width="14" height="9" rx="2" />
      <path d="M8 11V8a4 4 0 0 1 8 0v3" strokeLinecap="round" />
    </Icon>
  );
}
