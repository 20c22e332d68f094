/**
 * The location: the place name, a map with a draggable pin (loaded only when
 * this section scrolls into view), a "lat, lng" field that takes pasted
 * coordinates, and "Remove location". Latitude and longitude always change
 * together. After a change the place name is refreshed when the server's
 * reverse geocoding has finished.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { lazy, memo, Suspense, useEffect, useId, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { type UpdateAssetBody, updateAssetSchema } from "../../api/schemas";
import { buildUpdateBody } from "../../api/update-asset";
import { Button, focusRing } from "../../components/ui/button";
import { cx } from "../../components/ui/cx";
import { formatCoordinates, formatCoordinatesHuman, type LatLng, parseCoordinates } from "../../lib/geo";
import { useDarkMode } from "./use-dark-mode";
import { MapPinIcon } from "./viewer-icons";

const LocationMap = lazy(() => import("./map/location-map"));

const RANGE_MESSAGES: Record<string, string> = {
  latitude: "Latitude must be between −90 and 90.",
  longitude: "Longitude must be between −180 and 180.",
};

/** The field's text → the PATCH body, checked with the wire schema's ranges and pair rule. */
export const coordinatesFormSchema = z.object({ coordinates: z.string() }).transform((values, ctx): UpdateAssetBody => {
  const parsed = parseCoordinates(values.coordinates);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", path: ["coordinates"], message: parsed.message });
    return z.NEVER;
  }
  const body = buildUpdateBody({ location: parsed.value });
  const check = updateAssetSchema.safeParse(body);
  if (!check.success) {
    const issue = check.error.issues[0];
    const field = String(issue.path[0] ?? "");
    ctx.addIssue({ code: "custom", path: ["coordinates"], message: RANGE_MESSAGES[field] ?? issue.message });
    return z.NEVER;
  }
  return body;
});

type CoordinatesForm = z.input<typeof coordinatesFormSchema>;

/** True once the element has come near the viewport (the map is loaded then, not before). */
function useNearViewport<T extends Element>() {
  const ref = useRef<T>(null);
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || near) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin: "200px" },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [near]);
  return [ref, near] as const;
}

interface LocationEditorProps {
  position: LatLng | null;
  label: string | null;
  /** The server is still naming the place at new coordinates. */
  placePending: boolean;
  save: (body: UpdateAssetBody) => Promise<unknown>;
}

export const LocationEditor = memo(function LocationEditor({
  position,
  label,
  placePending,
  save,
}: LocationEditorProps) {
  const id = useId();
  const theme = useDarkMode() ? "dark" : "light";
  const [mapRef, mapWanted] = useNearViewport<HTMLDivElement>();
  const shown = position ? formatCoordinates(position) : "";
  const form = useForm<CoordinatesForm, unknown, UpdateAssetBody>({
    resolver: zodResolver(coordinatesFormSchema),
    defaultValues: { coordinates: shown },
  });
  const { register, handleSubmit, reset, setError, setValue, formState, getValues } = form;
  const [removeFailed, setRemoveFailed] = useState<string | null>(null);

  // Follow the saved value while the user isn't editing the field.
  useEffect(() => {
    if (!form.formState.isDirty) reset({ coordinates: shown });
  }, [shown, reset, form.formState.isDirty]);

  /** Sends a body; on failure puts `keep` back in the field, marked, so it can be sent again. */
  const send = async (body: UpdateAssetBody, keep: string) => {
    setRemoveFailed(null);
    try {
      await save(body);
    } catch (error) {
      setValue("coordinates", keep, { shouldDirty: true });
      setError("coordinates", {
        type: "server",
        message: `Not saved: ${error instanceof Error ? error.message : "the server refused it"}`,
      });
    }
  };

  const onSubmit = handleSubmit((body) => {
    const text = getValues("coordinates");
    // The field now shows the saved value; it follows the cache again from here.
    reset({ coordinates: formatCoordinates({ latitude: body.latitude ?? 0, longitude: body.longitude ?? 0 }) });
    void send(body, text);
  });

  const pick = (picked: LatLng) => {
    const rounded = { latitude: Number(picked.latitude.toFixed(6)), longitude: Number(picked.longitude.toFixed(6)) };
    reset({ coordinates: formatCoordinates(rounded) });
    void send(buildUpdateBody({ location: rounded }), formatCoordinates(rounded));
  };

  const remove = async () => {
    setRemoveFailed(null);
    try {
      await save(buildUpdateBody({ location: null }));
    } catch (error) {
      setRemoveFailed(error instanceof Error ? error.message : "The server refused it.");
    }
  };

  const error = formState.errors.coordinates?.message;
  let place: string;
  if (placePending) place = "Finding the place name…";
  else if (label) place = label;
  else if (position) place = "Unnamed place";
  else place = "No location";

  return (
    <div className="space-y-3">
      <div className="flex items-start gap-2 text-sm">
        <MapPinIcon className="mt-0.5 size-4 shrink-0 text-neutral-500" />
        <div className="min-w-0">
          <p aria-live="polite" data-testid="place-label" className={cx(placePending && "text-neutral-500 italic")}>
            {place}
          </p>
          {position && (
            <p className="text-xs text-neutral-500 tabular-nums dark:text-neutral-400">
              {formatCoordinatesHuman(position)}
            </p>
          )}
        </div>
      </div>

      <div
        ref={mapRef}
        className="h-56 w-full rounded-lg bg-neutral-100 dark:bg-neutral-800"
        data-testid="location-map"
      >
        {mapWanted && (
          <Suspense
            fallback={
              <div className="flex h-full items-center justify-center text-sm text-neutral-500" role="status">
                Loading map…
              </div>
            }
          >
            <LocationMap position={position} onPick={pick} theme={theme} />
          </Suspense>
        )}
      </div>

      <form onSubmit={onSubmit} noValidate className="space-y-1.5">
        <label htmlFor={id} className="block text-xs font-medium text-neutral-600 dark:text-neutral-400">
          Coordinates
        </label>
        <div className="flex gap-2">
          <input
            id={id}
            {...register("coordinates")}
            inputMode="text"
            autoComplete="off"
            spellCheck={false}
            placeholder="lat, lng (e.g. 48.8584, 2.2945)"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onKeyDown={(e) => {
              if (e.key === "Escape" && formState.isDirty) {
                e.preventDefault();
                e.stopPropagation();
                reset({ coordinates: shown });
              }
            }}
            className={cx(
              "h-9 min-w-0 flex-1 rounded-lg border bg-white px-2.5 text-sm tabular-nums dark:bg-neutral-950",
              error ? "border-red-400 dark:border-red-700" : "border-neutral-300 dark:border-neutral-700",
              focusRing,
            )}
          />
          <Button type="submit" size="sm" className="h-9">
            Set
          </Button>
        </div>
        {error && (
          <p id={`${id}-error`} role="alert" className="text-sm text-red-700 dark:text-red-400">
            {error}
          </p>
        )}
      </form>

      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" variant="ghost" disabled={!position} onClick={() => void remove()}>
          Remove location
        </Button>
        {removeFailed && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            Not removed: {removeFailed}
          </p>
        )}
      </div>
    </div>
  );
});
