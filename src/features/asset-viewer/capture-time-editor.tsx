/**
 * The capture date-time: shown as recorded ("Sun, 2 Apr 2023, 14:03:05
 * (UTC+09:00)"), edited in a small form: date, time, and a time-zone control.
 *
 * - Editing the date or time keeps the offset (or naive-ness).
 * - Changing the zone is an explicit choice. Named zones are labelled with the
 *   offset they had on the photo's date, and a chosen zone gives the clock
 *   reading that zone's offset at that moment; a reading in a DST gap says so
 *   and takes the post-transition offset, one in an overlap offers both.
 * - "Keep the same moment" converts the clock instead (for a camera that was
 *   set to the wrong zone).
 * - Validated with zod before sending, with the server's own rules.
 */
import { zodResolver } from "@hookform/resolvers/zod";
import { type KeyboardEvent, memo, useEffect, useId, useMemo, useRef, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { z } from "zod";
import type { UpdateAssetBody } from "../../api/schemas";
import { buildUpdateBody, checkUpdateBody } from "../../api/update-asset";
import { Button, focusRing } from "../../components/ui/button";
import { cx } from "../../components/ui/cx";
import {
  applyCaptureEdit,
  type CaptureTime,
  choiceOf,
  FIXED_OFFSETS,
  formatCaptureDisplay,
  formatCaptureTime,
  formatUtcOffset,
  formatWallDate,
  listTimeZones,
  parseEditableCaptureTime,
  parseZoneChoice,
  wallInputs,
  withWallInputs,
  type ZoneResolution,
  zoneChoiceValue,
  zoneLabel,
  zoneOffsetForPhoto,
} from "../../lib/datetime";
import { whenIdle } from "../../lib/idle";
import { PencilIcon } from "./viewer-icons";

const formSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date."),
  time: z.string().regex(/^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/, "Enter a time."),
  zone: z.string(),
  overlap: z.enum(["earlier", "later"]),
  keepMoment: z.boolean(),
});
type CaptureFormValues = z.input<typeof formSchema>;

/** The form's values → the PATCH body, with the server's own rules checked last. */
export function captureFormSchema(original: CaptureTime) {
  return formSchema.transform((values, ctx): UpdateAssetBody => {
    const choice = parseZoneChoice(values.zone);
    if (!choice) {
      ctx.addIssue({ code: "custom", path: ["zone"], message: "Choose a time zone or an offset." });
      return z.NEVER;
    }
    const result = applyCaptureEdit(original, { ...values, time: values.time.slice(0, 8), choice });
    if (!result.ok) {
      ctx.addIssue({ code: "custom", path: ["date"], message: result.message });
      return z.NEVER;
    }
    const body = buildUpdateBody({
      originalDatetime: formatCaptureTime(result.value.wall, result.value.offsetMinutes),
    });
    const check = checkUpdateBody(body);
    if (!check.ok) {
      ctx.addIssue({ code: "custom", path: ["date"], message: check.message });
      return z.NEVER;
    }
    return body;
  });
}

function defaultsFor(t: CaptureTime): CaptureFormValues {
  return { ...wallInputs(t.wall), zone: zoneChoiceValue(choiceOf(t)), overlap: "earlier", keepMoment: false };
}

interface ZoneGroup {
  label: string;
  options: { value: string; label: string }[];
}

/** The zone control's options, each named zone labelled with its offset on the photo's date. */
function zoneGroups(at: CaptureTime, originalOffset: number | null, locationZone: string | null): ZoneGroup[] {
  const offsets = new Set(FIXED_OFFSETS);
  if (originalOffset !== null) offsets.add(originalOffset);
  const groups: ZoneGroup[] = [];
  if (locationZone) {
    groups.push({
      label: "Where the photo was taken",
      options: [
        { value: `zone:${locationZone}`, label: zoneLabel(locationZone, zoneOffsetForPhoto(at, locationZone)) },
      ],
    });
  }
  groups.push({
    label: "UTC offsets",
    options: [...offsets]
      .sort((a, b) => a - b)
      .map((o) => ({ value: zoneChoiceValue({ kind: "offset", offsetMinutes: o }), label: formatUtcOffset(o) })),
  });
  const byRegion = new Map<string, ZoneGroup["options"]>();
  for (const zone of listTimeZones()) {
    const slash = zone.indexOf("/");
    const region = slash === -1 || zone.startsWith("Etc/") ? "Other" : zone.slice(0, slash);
    const list = byRegion.get(region) ?? [];
    list.push({ value: `zone:${zone}`, label: zoneLabel(zone, zoneOffsetForPhoto(at, zone)) });
    byRegion.set(region, list);
  }
  for (const [region, options] of [...byRegion].sort(([a], [b]) => a.localeCompare(b))) {
    groups.push({ label: region, options });
  }
  return groups;
}

function ResolutionNote({
  resolution,
  zone,
  wall,
  register,
}: {
  resolution: ZoneResolution;
  zone: string;
  wall: string;
  register: ReturnType<typeof useForm<CaptureFormValues>>["register"];
}) {
  const clock = wall.slice(11, 16);
  const day = formatWallDate(wall);
  const name = zone.replaceAll("_", " ");
  if (resolution.kind === "gap") {
    return (
      <p
        role="status"
        className="rounded-md bg-amber-50 p-2.5 text-sm text-amber-900 dark:bg-amber-950/50 dark:text-amber-200"
      >
        {clock} didn't exist in {name} on {day}: clocks went forward from {formatUtcOffset(resolution.before)} to{" "}
        {formatUtcOffset(resolution.after)}. It will be saved with the offset after the change,{" "}
        {formatUtcOffset(resolution.after)}.
      </p>
    );
  }
  if (resolution.kind === "overlap") {
    return (
      <fieldset className="rounded-md bg-amber-50 p-2.5 text-sm text-amber-900 dark:bg-amber-950/50 dark:text-amber-200">
        <legend className="float-left mb-1.5 w-full">
          {clock} happened twice in {name} on {day} (the clocks went back). Which one?
        </legend>
        <label className="flex items-center gap-2">
          <input type="radio" value="earlier" {...register("overlap")} className="accent-emerald-700" />
          The first time, {formatUtcOffset(resolution.earlier)}
        </label>
        <label className="mt-1 flex items-center gap-2">
          <input type="radio" value="later" {...register("overlap")} className="accent-emerald-700" />
          The second time, {formatUtcOffset(resolution.later)}
        </label>
      </fieldset>
    );
  }
  return null;
}

interface CaptureTimeEditorProps {
  /** `metadata.original_datetime`: the effective capture time (user's or file's), or null. */
  original: string | null;
  /** `local_datetime`, the fallback the server orders by when the file has no date. */
  local: string;
  /** The IANA zone of the photo's location, when known: offered first. */
  locationZone: string | null;
  save: (body: UpdateAssetBody) => Promise<unknown>;
}

const inputClass = cx(
  "h-9 w-full rounded-lg border border-neutral-300 bg-white px-2.5 text-sm dark:border-neutral-700 dark:bg-neutral-950",
  focusRing,
);

export const CaptureTimeEditor = memo(function CaptureTimeEditor({
  original,
  local,
  locationZone,
  save,
}: CaptureTimeEditorProps) {
  const id = useId();
  const current = parseEditableCaptureTime(original ?? local) ?? {
    wall: "1970-01-01T00:00:00.000000",
    offsetMinutes: null,
  };
  const [open, setOpen] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  /** The reading the open form started from (kept while the form is open, whatever the cache does). */
  const [startedFrom, setStartedFrom] = useState<CaptureTime>(current);
  const editButton = useRef<HTMLButtonElement>(null);
  const dateInput = useRef<HTMLInputElement | null>(null);

  const schema = useMemo(() => captureFormSchema(startedFrom), [startedFrom]);
  const form = useForm<CaptureFormValues, unknown, UpdateAssetBody>({
    resolver: zodResolver(schema),
    defaultValues: defaultsFor(current),
  });
  const { register, handleSubmit, reset, control, formState } = form;
  const values = useWatch({ control }) as CaptureFormValues;

  const choice = parseZoneChoice(values.zone ?? "");
  const live = choice
    ? applyCaptureEdit(startedFrom, { ...values, time: (values.time ?? "").slice(0, 8), choice })
    : null;
  const edited = withWallInputs(startedFrom, values.date ?? "", (values.time ?? "").slice(0, 8));
  const labelKey = `${values.date}|${startedFrom.offsetMinutes}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: labels depend on the date, not on every keystroke in the time field.
  const groups = useMemo(
    () => (open ? zoneGroups(edited ?? startedFrom, startedFrom.offsetMinutes, locationZone) : []),
    [open, labelKey, locationZone],
  );
  const zoneChanged = choice !== null && values.zone !== zoneChoiceValue(choiceOf(startedFrom));
  const canKeepMoment = startedFrom.offsetMinutes !== null && zoneChanged && choice?.kind !== "naive";

  useEffect(() => {
    if (open) dateInput.current?.focus();
  }, [open]);

  // Building the zone list creates a formatter per zone (~100 ms once); do it while idle, not on open.
  useEffect(() => whenIdle(() => void listTimeZones(), { fallbackMs: 1000 }), []);

  const begin = () => {
    setStartedFrom(current);
    reset(defaultsFor(current));
    setFailure(null);
    setOpen(true);
  };

  const close = () => {
    setOpen(false);
    setFailure(null);
    requestAnimationFrame(() => editButton.current?.focus());
  };

  const submit = async (body: UpdateAssetBody) => {
    setOpen(false);
    setFailure(null);
    try {
      await save(body);
    } catch (error) {
      // Rolled back; open the form again with what the user entered.
      setFailure(error instanceof Error ? error.message : "The server refused the change.");
      setOpen(true);
    }
  };

  const resetToFile = async () => {
    setOpen(false);
    setFailure(null);
    try {
      await save(buildUpdateBody({ originalDatetime: null }));
    } catch (error) {
      setFailure(error instanceof Error ? error.message : "The server refused the change.");
      setOpen(true);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  };

  const dateField = register("date");
  const error = formState.errors.date?.message ?? formState.errors.time?.message ?? formState.errors.zone?.message;

  return (
    <div>
      <div className="flex items-start justify-between gap-3">
        <p className="pt-1.5 text-sm" data-testid="capture-time">
          {original === null && <span className="sr-only">No date in the file; </span>}
          {formatCaptureDisplay(current)}
          {original === null && (
            <span className="mt-0.5 block text-xs text-neutral-500 dark:text-neutral-400">
              No date in the file: this is the file's upload date.
            </span>
          )}
        </p>
        {!open && (
          <Button
            ref={editButton}
            size="sm"
            variant="ghost"
            aria-expanded={false}
            aria-controls={`${id}-form`}
            onClick={begin}
          >
            <PencilIcon className="size-4" />
            Edit<span className="sr-only"> date and time</span>
          </Button>
        )}
      </div>

      {open && (
        <form
          id={`${id}-form`}
          aria-label="Edit date and time"
          noValidate
          onKeyDown={onKeyDown}
          onSubmit={handleSubmit(submit)}
          className="mt-3 space-y-3 rounded-xl border border-neutral-200 p-3 dark:border-neutral-700"
        >
          {failure && (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              Not saved: {failure}
            </p>
          )}
          <div className="grid grid-cols-2 gap-2">
            <label className="text-xs font-medium text-neutral-600 dark:text-neutral-400">
              Date
              <input
                type="date"
                {...dateField}
                ref={(el) => {
                  dateField.ref(el);
                  dateInput.current = el;
                }}
                aria-invalid={formState.errors.date ? true : undefined}
                className={cx(inputClass, "mt-1")}
              />
            </label>
            <label className="text-xs font-medium text-neutral-600 dark:text-neutral-400">
              Time
              <input
                type="time"
                step={1}
                {...register("time")}
                aria-invalid={formState.errors.time ? true : undefined}
                className={cx(inputClass, "mt-1")}
              />
            </label>
          </div>
          <label className="block text-xs font-medium text-neutral-600 dark:text-neutral-400">
            Time zone
            <select {...register("zone")} className={cx(inputClass, "mt-1")}>
              <option value="naive">No offset (naive: local time, zone unknown)</option>
              {groups.map((group) => (
                <optgroup key={group.label} label={group.label}>
                  {group.options.map((option) => (
                    <option key={`${group.label}:${option.value}`} value={option.value}>
                      {option.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </label>
          {canKeepMoment && (
            <label className="flex items-start gap-2 text-sm">
              <input type="checkbox" {...register("keepMoment")} className="mt-0.5 accent-emerald-700" />
              <span>
                Keep the same moment
                <span className="block text-xs text-neutral-500 dark:text-neutral-400">
                  Moves the clock to the new zone, for a camera that was set to the wrong zone.
                </span>
              </span>
            </label>
          )}
          {live?.ok && live.resolution && choice?.kind === "zone" && (
            <ResolutionNote
              resolution={live.resolution}
              zone={choice.zone}
              wall={live.value.wall}
              register={register}
            />
          )}
          {error ? (
            <p role="alert" className="text-sm text-red-700 dark:text-red-400">
              {error}
            </p>
          ) : (
            live?.ok && (
              <p className="text-sm text-neutral-600 dark:text-neutral-400" aria-live="polite">
                Will be saved as{" "}
                <span className="font-medium text-neutral-900 dark:text-neutral-100">
                  {formatCaptureDisplay(live.value)}
                </span>
              </p>
            )
          )}
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" variant="primary" size="sm">
              Save
            </Button>
            <Button size="sm" onClick={close}>
              Cancel
            </Button>
            <Button size="sm" variant="ghost" className="ml-auto" onClick={() => void resetToFile()}>
              Use the file's date
            </Button>
          </div>
        </form>
      )}
    </div>
  );
});
