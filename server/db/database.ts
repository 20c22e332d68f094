import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

export type Db = Database.Database;

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "migrations");

/** Opens (creating if needed) the library database in WAL mode and applies pending migrations. */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  db.pragma("cache_size = -65536");
  db.pragma("temp_store = MEMORY");
  db.pragma("mmap_size = 268435456");
  migrate(db);
  registerFunctions(db);
  return db;
}

export function migrate(db: Db): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
  const applied = new Set(
    db
      .prepare("SELECT name FROM schema_migrations")
      .pluck()
      .all()
      .map((n) => String(n)),
  );
  const files = readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  for (const file of files) {
    if (applied.has(file)) continue;
    const sql = readFileSync(join(MIGRATIONS_DIR, file), "utf8");
    db.transaction(() => {
      db.exec(sql);
      db.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)").run(file, new Date().toISOString());
    })();
  }
}

const EARTH_RADIUS_M = 6_371_008.8;

function registerFunctions(db: Db): void {
  // Great-circle distance for the center+radius filter.
  db.function("haversine_m", { deterministic: true }, (lat1: unknown, lon1: unknown, lat2: unknown, lon2: unknown) => {
    if (lat1 === null || lon1 === null || lat2 === null || lon2 === null) return null;
    const toRad = Math.PI / 180;
    const dLat = (Number(lat2) - Number(lat1)) * toRad;
    const dLon = (Number(lon2) - Number(lon1)) * toRad;
    const a =
      Math.sin(dLat / 2) ** 2 +
      Math.cos(Number(lat1) * toRad) * Math.cos(Number(lat2) * toRad) * Math.sin(dLon / 2) ** 2;
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
  });
}
