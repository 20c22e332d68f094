import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { extname, join } from "node:path";

/**
 * Where files live under DATA_DIR. Stored names are the server's own (the
 * asset id), never the uploaded file name.
 */
export function createStorage(dataDir: string) {
  const tmpDir = join(dataDir, "tmp");
  const originalsDir = join(dataDir, "originals");
  const variantsDir = join(dataDir, "variants");
  for (const dir of [dataDir, tmpDir, originalsDir, variantsDir]) mkdirSync(dir, { recursive: true });

  const shard = (assetId: string) => assetId.slice(-2);

  return {
    dataDir,
    tmpDir,
    /** Relative path of an asset's original; the extension is kept for tools that look at it. */
    originalRelPath(assetId: string, fileName: string): string {
      const ext = extname(fileName)
        .toLowerCase()
        .replace(/[^.a-z0-9]/g, "")
        .slice(0, 10);
      return join("originals", shard(assetId), `${assetId}${ext}`);
    },
    abs(relPath: string): string {
      return join(dataDir, relPath);
    },
    variantDir(assetId: string): string {
      return join(variantsDir, shard(assetId), assetId);
    },
    tmpFile(): string {
      return join(tmpDir, `upload-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    },
    /** Removes half-written uploads left by a crash. Runs at start-up, before listening. */
    sweepTmp(): number {
      const names = readdirSync(tmpDir);
      for (const name of names) rmSync(join(tmpDir, name), { force: true, recursive: true });
      return names.length;
    },
  };
}

export type Storage = ReturnType<typeof createStorage>;
