import { z } from "zod";

/**
 * `GET /api/users/me` (§5.6). Only what the header shows is required; the
 * rest may be missing or null on other Gumnut-compatible servers.
 */
export const currentUserSchema = z.object({
  id: z.string(),
  email: z.string().nullish(),
  first_name: z.string().nullish(),
  last_name: z.string().nullish(),
  storage_used_bytes: z.number().nullish(),
  storage_limit_bytes: z.number().nullish(),
  /** Gumleaf's local server: the name of the library on this computer. */
  library_name: z.string().optional(),
});
export type CurrentUser = z.infer<typeof currentUserSchema>;

/** `GET /api/gumleaf/config`: Gumleaf's own endpoint, saying where the library lives. */
export const connectionConfigSchema = z.discriminatedUnion("mode", [
  // Optional: a server from before it was said still answers `{ mode: "local" }`.
  z.object({ mode: z.literal("local"), trash_retention_days: z.number().int().positive().optional() }),
  z.object({ mode: z.literal("gumnut"), base_url: z.string() }),
]);
export type ConnectionConfig = z.infer<typeof connectionConfigSchema>;
