import { mkdtempSync } from "node:fs";
import { extractMetadata } from "./server/media/extract-metadata";
import { generateVariants } from "./server/media/variants";
const dir = mkdtempSync("/tmp/gl/h-");
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  const m = await extractMetadata("/tmp/gl/12mp.heic", "image/heic");
  const t1 = performance.now();
  const r = await generateVariants("/tmp/gl/12mp.heic", "image/heic", `${dir}/o${i}`);
  console.log(`meta ${(t1 - t0).toFixed(0)} variants ${(performance.now() - t1).toFixed(0)}`, m.width, m.height, r.variants.fullsize, r.variants.preview.width);
}
