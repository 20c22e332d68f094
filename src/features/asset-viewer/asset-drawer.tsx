/**
 * The drawer beside the photo: what the file says (camera, exposure, size)
 * and what the user can change (description, rating, capture time,
 * location), each editor saving through the asset's one optimistic mutation.
 */
import { type ReactNode, useMemo } from "react";
import type { Asset, UpdateAssetBody } from "../../api/schemas";
import { formatCaptureDisplay } from "../../lib/datetime";
import { formatBytes } from "../../lib/format";
import { CaptureTimeEditor } from "./capture-time-editor";
import { DescriptionEditor } from "./description-editor";
import { formatCamera, formatDimensions, formatExposure, formatMegapixels } from "./details-format";
import { LocationEditor } from "./location-editor";
import { RatingEditor } from "./rating-editor";
import { usePlacePending } from "./use-update-asset";
import { CameraIcon, FileIcon, SparkleIcon } from "./viewer-icons";

function Section({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <section aria-labelledby={id} className="border-t border-neutral-200 px-5 py-4 dark:border-neutral-800">
      <h3
        id={id}
        className="mb-2.5 text-xs font-semibold tracking-wide text-neutral-500 uppercase dark:text-neutral-400"
      >
        {title}
      </h3>
      {children}
    </section>
  );
}

function Fact({ icon, children, label }: { icon: ReactNode; children: ReactNode; label: string }) {
  return (
    <div className="flex items-start gap-2.5 py-1 text-sm">
      <span className="mt-0.5 shrink-0 text-neutral-500 dark:text-neutral-400">{icon}</span>
      <div className="min-w-0">
        <span className="sr-only">{label}: </span>
        {children}
      </div>
    </div>
  );
}

interface AssetDrawerProps {
  asset: Asset;
  titleId: string;
  /** False while only a timeline tile's lean copy is known: editors wait for the full detail. */
  complete: boolean;
  save: (body: UpdateAssetBody) => Promise<unknown>;
  rating: { value: number; failed: number | null; onRate: (n: number) => void; onRetry: () => void };
}

export function AssetDrawer({ asset, titleId, complete, save, rating }: AssetDrawerProps) {
  const m = asset.metadata;
  const placePending = usePlacePending(asset.id);
  const camera = formatCamera(m);
  const exposure = formatExposure(m);
  const dimensions = formatDimensions(asset.width, asset.height);
  const megapixels = formatMegapixels(asset.width, asset.height);
  const latitude = m?.latitude;
  const longitude = m?.longitude;
  // A stable object, so an unrelated edit doesn't re-render the location editor and its map.
  const position = useMemo(
    () => (typeof latitude === "number" && typeof longitude === "number" ? { latitude, longitude } : null),
    [latitude, longitude],
  );

  return (
    <div className="pb-10">
      <header className="px-5 pt-5 pb-4">
        <h2 id={titleId} className="text-base font-semibold break-all">
          {asset.original_file_name}
        </h2>
        <p className="mt-0.5 text-sm text-neutral-600 dark:text-neutral-400">
          {[formatCaptureDisplay(m?.original_datetime ?? asset.local_datetime), m?.display_label]
            .filter(Boolean)
            .join(" · ")}
        </p>
      </header>

      {!complete ? (
        <div role="status" className="space-y-3 border-t border-neutral-200 px-5 py-5 dark:border-neutral-800">
          <span className="sr-only">Loading details…</span>
          {[0, 1, 2, 3].map((i) => (
            <div
              key={i}
              aria-hidden="true"
              className="h-12 animate-pulse rounded-lg bg-neutral-100 dark:bg-neutral-800"
            />
          ))}
        </div>
      ) : (
        <>
          <Section title="Description" id={`${titleId}-description`}>
            <DescriptionEditor key={asset.id} value={m?.description ?? null} save={save} />
            {asset.description !== null && (
              <div className="mt-3 rounded-lg bg-violet-50 p-3 text-sm dark:bg-violet-950/40">
                <p className="mb-1 flex items-center gap-1.5 text-xs font-medium text-violet-800 dark:text-violet-300">
                  <SparkleIcon className="size-3.5" />
                  AI description
                </p>
                <p className="text-neutral-800 dark:text-neutral-200">
                  {asset.description === "" ? "The model had nothing to say about this one." : asset.description}
                </p>
              </div>
            )}
          </Section>

          <Section title="Rating" id={`${titleId}-rating`}>
            <RatingEditor
              rating={rating.value}
              onRate={rating.onRate}
              failed={rating.failed}
              onRetry={rating.onRetry}
            />
          </Section>

          <Section title="Date and time" id={`${titleId}-date`}>
            <CaptureTimeEditor
              key={asset.id}
              original={m?.original_datetime ?? null}
              local={asset.local_datetime}
              locationZone={m?.timezone ?? null}
              save={save}
            />
          </Section>

          <Section title="Location" id={`${titleId}-location`}>
            <LocationEditor
              key={asset.id}
              position={position}
              label={m?.display_label ?? null}
              placePending={placePending}
              save={save}
            />
          </Section>

          {(camera || exposure || m?.lens_model) && (
            <Section title="Camera" id={`${titleId}-camera`}>
              <Fact icon={<CameraIcon className="size-4" />} label="Camera">
                {camera && <p>{camera}</p>}
                {m?.lens_model && <p className="text-neutral-600 dark:text-neutral-400">{m.lens_model}</p>}
                {exposure && <p className="text-neutral-600 tabular-nums dark:text-neutral-400">{exposure}</p>}
              </Fact>
            </Section>
          )}

          <Section title="File" id={`${titleId}-file`}>
            <Fact icon={<FileIcon className="size-4" />} label="File">
              <p className="break-all">{asset.original_file_name}</p>
              <p className="text-neutral-600 tabular-nums dark:text-neutral-400">
                {[
                  dimensions && megapixels ? `${dimensions} (${megapixels})` : dimensions,
                  asset.file_size_bytes > 0 ? formatBytes(asset.file_size_bytes) : null,
                  asset.mime_type,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </p>
            </Fact>
          </Section>
        </>
      )}
    </div>
  );
}
