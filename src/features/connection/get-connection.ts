import { queryOptions } from "@tanstack/react-query";
import { apiFetch } from "../../api/client";
import {
  type ConnectionConfig,
  type CurrentUser,
  connectionConfigSchema,
  currentUserSchema,
} from "./connection-schemas";

/** Where this Gumleaf server keeps the library: on this computer, or a hosted Gumnut account. */
export function getConnectionConfig({ signal }: { signal?: AbortSignal } = {}): Promise<ConnectionConfig> {
  return apiFetch("/api/gumleaf/config", { schema: connectionConfigSchema, signal });
}

/** `GET /api/users/me` (§5.6): who the library belongs to. */
export function getCurrentUser({ signal }: { signal?: AbortSignal } = {}): Promise<CurrentUser> {
  return apiFetch("/api/users/me", { schema: currentUserSchema, signal });
}

export const connectionQueries = {
  all: () => ["connection"] as const,
  config: () =>
    queryOptions({
      queryKey: [...connectionQueries.all(), "config"] as const,
      queryFn: ({ signal }) => getConnectionConfig({ signal }),
      // The server decides this at start-up; it only changes with a restart.
      staleTime: Number.POSITIVE_INFINITY,
    }),
  me: () =>
    queryOptions({
      queryKey: [...connectionQueries.all(), "me"] as const,
      queryFn: ({ signal }) => getCurrentUser({ signal }),
      staleTime: 5 * 60_000,
    }),
};
