-- Gumleaf local Gumnut-compatible store.
-- Every editable field keeps two layers: the value embedded in the file (emb_*)
-- and the user's override (ovr_*). NULL in an ovr_* column means "no override".
-- The eff_* / local_* columns are the effective values, recomputed by the
-- asset service on every write, so that list order, counts and filters can use
-- indexes.

CREATE TABLE libraries (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  description TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  trashed_at  TEXT
);

CREATE TABLE assets (
  id                 TEXT PRIMARY KEY,
  library_id         TEXT NOT NULL REFERENCES libraries(id),
  original_file_name TEXT NOT NULL,
  mime_type          TEXT NOT NULL,
  storage_path       TEXT NOT NULL,          -- relative to DATA_DIR
  file_size_bytes    INTEGER NOT NULL,
  checksum           TEXT NOT NULL,          -- base64 SHA-256
  checksum_sha1      TEXT NOT NULL,          -- base64 SHA-1
  device_asset_id    TEXT NOT NULL,
  device_id          TEXT NOT NULL,
  file_created_at    TEXT NOT NULL,          -- ISO 8601 as sent (normalised)
  file_modified_at   TEXT NOT NULL,
  created_at         TEXT NOT NULL,          -- UTC ISO
  updated_at         TEXT NOT NULL,
  meta_updated_at    TEXT NOT NULL,
  trashed_at         TEXT,
  current_version_id TEXT NOT NULL,
  width              INTEGER NOT NULL DEFAULT 0,
  height             INTEGER NOT NULL DEFAULT 0,
  duration           REAL,
  thumbhash          TEXT,
  ai_description     TEXT,
  processing_state   TEXT NOT NULL DEFAULT 'pending', -- pending | ready | failed
  processing_error   TEXT,
  variants_json      TEXT,     -- {thumbnail:{path,mimetype,width,height},…} once made

  -- embedded layer, from the file (immutable after ingest)
  emb_json           TEXT NOT NULL DEFAULT '{}', -- camera and other read-only fields
  emb_datetime       TEXT,     -- wall clock 'YYYY-MM-DDTHH:MM:SS.ffffff'
  emb_offset         INTEGER,  -- minutes east of UTC, NULL = naive
  emb_latitude       REAL,
  emb_longitude      REAL,
  emb_description    TEXT,
  emb_rating         INTEGER,

  -- override layer, from the user
  ovr_datetime       TEXT,
  ovr_offset         INTEGER,
  ovr_latitude       REAL,
  ovr_longitude      REAL,
  ovr_description    TEXT,
  ovr_rating         INTEGER,

  -- effective values
  local_dt           TEXT NOT NULL, -- wall clock, fixed width, sorts chronologically
  local_offset       INTEGER,       -- minutes, NULL = naive
  local_utc          TEXT,          -- UTC wall clock of local_dt, NULL when naive
  eff_latitude       REAL,
  eff_longitude      REAL,
  eff_rating         INTEGER NOT NULL DEFAULT 0, -- normalised 0..5

  -- place names, derived from the effective coordinates by the geocode job
  city               TEXT,
  state              TEXT,
  country            TEXT,
  country_code       TEXT,
  sublocation        TEXT,
  place_name         TEXT,
  timezone           TEXT,
  display_label      TEXT
);

CREATE UNIQUE INDEX assets_library_checksum ON assets(library_id, checksum);
CREATE INDEX assets_library_sha1 ON assets(library_id, checksum_sha1);
CREATE INDEX assets_device ON assets(library_id, device_id, device_asset_id);
CREATE INDEX assets_live_order ON assets(library_id, local_dt, id) WHERE trashed_at IS NULL;
CREATE INDEX assets_all_order ON assets(library_id, local_dt, id);
CREATE INDEX assets_trash_order ON assets(library_id, trashed_at, id) WHERE trashed_at IS NOT NULL;

-- The persistent background queue. A job is claimed by setting state=running;
-- on start-up running jobs from a previous process go back to queued.
CREATE TABLE jobs (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  kind        TEXT NOT NULL,              -- variants | geocode
  asset_id    TEXT NOT NULL,
  state       TEXT NOT NULL DEFAULT 'queued', -- queued | running | done | failed
  attempts    INTEGER NOT NULL DEFAULT 0,
  last_error  TEXT,
  run_after   TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX jobs_ready ON jobs(state, run_after, id);
CREATE INDEX jobs_asset ON jobs(asset_id, kind, state);

-- Per-day totals kept by triggers, so that unfiltered counts over a million
-- assets read a few thousand rows instead of scanning the whole table.
CREATE TABLE asset_day_counts (
  library_id TEXT NOT NULL,
  trashed    INTEGER NOT NULL,
  day        TEXT NOT NULL,   -- 'YYYY-MM-DD' of the wall-clock local_dt
  count      INTEGER NOT NULL,
  PRIMARY KEY (library_id, trashed, day)
) WITHOUT ROWID;

CREATE TRIGGER assets_counts_insert AFTER INSERT ON assets BEGIN
  INSERT INTO asset_day_counts (library_id, trashed, day, count)
  VALUES (NEW.library_id, NEW.trashed_at IS NOT NULL, substr(NEW.local_dt, 1, 10), 1)
  ON CONFLICT (library_id, trashed, day) DO UPDATE SET count = count + 1;
END;

CREATE TRIGGER assets_counts_delete AFTER DELETE ON assets BEGIN
  UPDATE asset_day_counts SET count = count - 1
  WHERE library_id = OLD.library_id AND trashed = (OLD.trashed_at IS NOT NULL) AND day = substr(OLD.local_dt, 1, 10);
  DELETE FROM asset_day_counts
  WHERE library_id = OLD.library_id AND trashed = (OLD.trashed_at IS NOT NULL) AND day = substr(OLD.local_dt, 1, 10) AND count <= 0;
END;

CREATE TRIGGER assets_counts_update AFTER UPDATE OF local_dt, trashed_at, library_id ON assets
WHEN substr(OLD.local_dt, 1, 10) IS NOT substr(NEW.local_dt, 1, 10)
  OR (OLD.trashed_at IS NULL) IS NOT (NEW.trashed_at IS NULL)
  OR OLD.library_id IS NOT NEW.library_id
BEGIN
  UPDATE asset_day_counts SET count = count - 1
  WHERE library_id = OLD.library_id AND trashed = (OLD.trashed_at IS NOT NULL) AND day = substr(OLD.local_dt, 1, 10);
  DELETE FROM asset_day_counts
  WHERE library_id = OLD.library_id AND trashed = (OLD.trashed_at IS NOT NULL) AND day = substr(OLD.local_dt, 1, 10) AND count <= 0;
  INSERT INTO asset_day_counts (library_id, trashed, day, count)
  VALUES (NEW.library_id, NEW.trashed_at IS NOT NULL, substr(NEW.local_dt, 1, 10), 1)
  ON CONFLICT (library_id, trashed, day) DO UPDATE SET count = count + 1;
END;
