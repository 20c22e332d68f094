import { Hono } from "hono";
import type { Db } from "../db/database";
import type { LibraryRow } from "../repositories/library-repository";

/** The one user of a local library, in the shape of `GET /api/users/me` (§5.6). */
export interface LocalUser {
  id: string;
  email: string | null;
  first_name: string | null;
  last_name: string | null;
  is_active: boolean;
  is_superuser: boolean;
  is_verified: boolean;
  storage_limit_bytes: number | null;
  storage_used_bytes: number;
  timezone: string | null;
  created_at: string;
  updated_at: string;
  /** Gumleaf extension: the name of the library this server keeps. */
  library_name: string;
}

/**
 * /api/users: the local server has no accounts, so `me` is the owner of this
 * computer's library. Storage used is the size of the stored originals, trash
 * included (it is still on disk).
 */
export function userRoutes(db: Db, library: () => LibraryRow) {
  // One aggregate; small enough not to need its own repository yet.
  const usedBytes = db.prepare("SELECT COALESCE(SUM(bytes), 0) FROM library_usage").pluck();
  const app = new Hono();
  app.get("/me", (c) => {
    const lib = library();
    const me: LocalUser = {
      id: "intuser_local",
      email: null,
      first_name: "Local",
      last_name: "library",
      is_active: true,
      is_superuser: true,
      is_verified: true,
      storage_limit_bytes: null,
      storage_used_bytes: Number(usedBytes.get()),
      timezone: null,
      created_at: lib.created_at,
      updated_at: lib.updated_at,
      library_name: lib.name,
    };
    return c.json(me);
  });
  return app;
}
