import type { Db } from "../db/database";

export interface LibraryRow {
  id: string;
  name: string;
  description: string | null;
  created_at: string;
  updated_at: string;
  trashed_at: string | null;
}

export function createLibraryRepository(db: Db) {
  const liveStmt = db.prepare("SELECT * FROM libraries WHERE trashed_at IS NULL ORDER BY created_at");
  const byIdStmt = db.prepare("SELECT * FROM libraries WHERE id = ?");
  const insertStmt = db.prepare(
    "INSERT INTO libraries (id, name, description, created_at, updated_at, trashed_at) VALUES (@id, @name, @description, @created_at, @updated_at, @trashed_at)",
  );
  return {
    live(): LibraryRow[] {
      return liveStmt.all() as LibraryRow[];
    },
    findById(id: string): LibraryRow | null {
      return (byIdStmt.get(id) as LibraryRow | undefined) ?? null;
    },
    insert(row: LibraryRow): void {
      insertStmt.run(row);
    },
  };
}

export type LibraryRepository = ReturnType<typeof createLibraryRepository>;
