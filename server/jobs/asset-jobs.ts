import { relative } from "node:path";
import type { Db } from "../db/database";
import { emptyPlace, reverseGeocode } from "../media/reverse-geocode";
import { generateVariants } from "../media/variants";
import type { AssetRepository } from "../repositories/asset-repository";
import type { StoredVariants } from "../services/asset-view";
import type { Storage } from "../storage";
import { type JobQueue, PermanentJobError } from "./job-queue";

interface Deps {
  db: Db;
  assets: AssetRepository;
  storage: Storage;
  jobs: JobQueue;
  clock: () => Date;
}

function isSystemError(err: unknown): boolean {
  return (
    typeof err === "object" && err !== null && "code" in err && typeof (err as { code: unknown }).code === "string"
  );
}

/** Registers the handlers of the asset pipeline: variants + thumbhash, and reverse geocoding. */
export function registerAssetJobs({ assets, storage, jobs, clock }: Deps): void {
  jobs.register("variants", {
    async run(assetId) {
      const row = assets.findById(assetId);
      if (!row) return; // deleted meanwhile
      let result: Awaited<ReturnType<typeof generateVariants>>;
      try {
        result = await generateVariants(storage.abs(row.storage_path), row.mime_type, storage.variantDir(assetId));
      } catch (err) {
        // I/O trouble may pass; a file that does not decode will not.
        if (isSystemError(err)) throw err;
        throw new PermanentJobError(err instanceof Error ? err.message : String(err));
      }
      const stored: StoredVariants = {};
      for (const [name, v] of Object.entries(result.variants)) {
        stored[name as keyof StoredVariants] = { ...v, path: relative(storage.dataDir, v.path) };
      }
      assets.setProcessed(assetId, {
        processing_state: "ready",
        processing_error: null,
        thumbhash: result.thumbhash,
        variants_json: JSON.stringify(stored),
        width: row.width || result.width,
        height: row.height || result.height,
        updated_at: clock().toISOString(),
      });
    },
    onGiveUp(assetId, error) {
      const row = assets.findById(assetId);
      if (!row) return;
      assets.setProcessed(assetId, {
        processing_state: "failed",
        processing_error: error.message,
        thumbhash: null,
        variants_json: null,
        width: row.width,
        height: row.height,
        updated_at: clock().toISOString(),
      });
    },
  });

  jobs.register("geocode", {
    async run(assetId) {
      const row = assets.findById(assetId);
      if (!row) return;
      const place =
        row.eff_latitude !== null && row.eff_longitude !== null
          ? reverseGeocode(row.eff_latitude, row.eff_longitude)
          : emptyPlace();
      assets.setPlace(assetId, place, clock().toISOString());
    },
  });
}
