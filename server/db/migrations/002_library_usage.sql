-- Bytes stored per library, kept by triggers: GET /api/users/me reads one row
-- instead of summing a million file sizes on every page load.
CREATE TABLE library_usage (
  library_id TEXT PRIMARY KEY,
  bytes      INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO library_usage (library_id, bytes)
SELECT library_id, SUM(file_size_bytes) FROM assets GROUP BY library_id;

CREATE TRIGGER assets_usage_insert AFTER INSERT ON assets BEGIN
  INSERT INTO library_usage (library_id, bytes) VALUES (NEW.library_id, NEW.file_size_bytes)
  ON CONFLICT (library_id) DO UPDATE SET bytes = bytes + NEW.file_size_bytes;
END;

CREATE TRIGGER assets_usage_delete AFTER DELETE ON assets BEGIN
  UPDATE library_usage SET bytes = bytes - OLD.file_size_bytes WHERE library_id = OLD.library_id;
END;
