import { HttpError } from "../lib/errors";
import { newId } from "../lib/ids";
import type { LibraryRepository, LibraryRow } from "../repositories/library-repository";

/** Resolves the library of a call (§1.5); the local server creates one on first run. */
export function createLibraryService(libraries: LibraryRepository, clock: () => Date) {
  return {
    ensureDefault(): LibraryRow {
      const live = libraries.live();
      if (live.length > 0) return live[0];
      const now = clock().toISOString();
      const row: LibraryRow = {
        id: newId("lib"),
        name: "My library",
        description: null,
        created_at: now,
        updated_at: now,
        trashed_at: null,
      };
      libraries.insert(row);
      return row;
    },
    resolve(libraryId: string | null | undefined): LibraryRow {
      if (libraryId) {
        const lib = libraries.findById(libraryId);
        if (!lib) throw new HttpError(404, `Library ${libraryId} not found`);
        return lib;
      }
      const live = libraries.live();
      if (live.length === 1) return live[0];
      if (live.length === 0) return this.ensureDefault();
      throw new HttpError(400, "Several libraries exist; pass library_id to choose one");
    },
  };
}

export type LibraryService = ReturnType<typeof createLibraryService>;
