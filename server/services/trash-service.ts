import { rm } from "node:fs/promises";
import type { Db } from "../db/database";
import { notFound } from "../lib/errors";
import type { AssetRow } from "../repositories/asset-repository";
import type { Storage } from "../storage";
import type { LibraryService } from "./library-service";

interface Deps {
  db: Db;
  libraries: LibraryService;
  storage: Storage;
  clock: () => Date;
  retentionDays: number;
}

/**
 * Trash lifecycle (§3.8, §3.9): soft delete and restore are idempotent and
 * ignore unknown ids; permanent deletion removes the row, its jobs, the
 * original and every variant. Rows go first, in one transaction, then files:
 * a crash in between leaves unreferenced files, never a row without its file.
 */
export function createTrashService({ db, libraries, storage, clock, retentionDays }: Deps) {
  const trashStmt = db.prepare(
    `UPDATE assets SET trashed_at = @now, updated_at = @now
     WHERE library_id = @libraryId AND trashed_at IS NULL AND id IN (SELECT value FROM json_each(@ids))`,
  );
  const restoreStmt = db.prepare(
    `UPDATE assets SET trashed_at = NULL, updated_at = @now
     WHERE library_id = @libraryId AND trashed_at IS NOT NULL AND id IN (SELECT value FROM json_each(@ids))`,
  );
  const selectForDelete = db.prepare(
    "SELECT id, storage_path FROM assets WHERE library_id = @libraryId AND id IN (SELECT value FROM json_each(@ids))",
  );
  const selectTrashed = db.prepare(
    "SELECT id, storage_path FROM assets WHERE library_id = ? AND trashed_at IS NOT NULL LIMIT 1000",
  );
  const selectExpired = db.prepare(
    "SELECT id, storage_path FROM assets WHERE trashed_at IS NOT NULL AND trashed_at < ? LIMIT 1000",
  );
  const deleteRow = db.prepare("DELETE FROM assets WHERE id = ?");
  const deleteJobs = db.prepare("DELETE FROM jobs WHERE asset_id = ?");

  type Doomed = Pick<AssetRow, "id" | "storage_path">;

  async function destroy(rows: Doomed[]): Promise<void> {
    db.transaction(() => {
      for (const r of rows) {
        deleteJobs.run(r.id);
        deleteRow.run(r.id);
      }
    })();
    await Promise.all(
      rows.map(async (r) => {
        await rm(storage.abs(r.storage_path), { force: true });
        await rm(storage.variantDir(r.id), { recursive: true, force: true });
      }),
    );
  }

  return {
    trash(libraryId: string | null, ids: string[]): void {
      const library = libraries.resolve(libraryId);
      trashStmt.run({ libraryId: library.id, ids: JSON.stringify(ids), now: clock().toISOString() });
    },
    restore(libraryId: string | null, ids: string[]): void {
      const library = libraries.resolve(libraryId);
      restoreStmt.run({ libraryId: library.id, ids: JSON.stringify(ids), now: clock().toISOString() });
    },
    async emptyTrash(libraryId: string | null): Promise<void> {
      const library = libraries.resolve(libraryId);
      for (;;) {
        const rows = selectTrashed.all(library.id) as Doomed[];
        if (rows.length === 0) return;
        await destroy(rows);
      }
    },
    async deleteOne(id: string): Promise<void> {
      const row = db.prepare("SELECT id, storage_path FROM assets WHERE id = ?").get(id) as Doomed | undefined;
      if (!row) throw notFound(`Asset ${id}`);
      await destroy([row]);
    },
    async deleteMany(libraryId: string | null, ids: string[]): Promise<void> {
      const library = libraries.resolve(libraryId);
      await destroy(selectForDelete.all({ libraryId: library.id, ids: JSON.stringify(ids) }) as Doomed[]);
    },
    /** Permanently removes assets trashed longer than the retention window; returns how many. */
    async purgeExpired(): Promise<number> {
      const cutoff = new Date(clock().getTime() - retentionDays * 86_400_000).toISOString();
      let purged = 0;
      for (;;) {
        const rows = selectExpired.all(cutoff) as Doomed[];
        if (rows.length === 0) return purged;
        await destroy(rows);
        purged += rows.length;
      }
    },
  };
}

export type TrashService = ReturnType<typeof createTrashService>;
