/**
 * Every edit in the drawer goes through one optimistic PATCH mutation
 * (house-style "Optimistic PATCH with rollback"):
 *
 * - One `mutationKey` and one `scope` per asset: edits to an asset reach the
 *   server one at a time, in the order they were made.
 * - `onMutate` (synchronous, so the change is in the cache before the event
 *   handler returns): cancel the asset's fetches, snapshot every cached value
 *   that holds the asset (its detail, the timeline segments, the library
 *   pages), write the change into all of them.
 * - The snapshot is taken by the first edit of a burst and shared by the edits
 *   queued behind it (the "base"). A success writes the server's answer into
 *   the base and the caches, then re-applies the edits still queued; a failure
 *   restores the base and re-applies the others. So a failed edit never undoes
 *   a later one, and a late rollback never brings back an earlier failure.
 * - `onError`: a toast that says what failed; the editors keep the input.
 * - `onSettled`: only the last edit in flight invalidates (and returns the
 *   promise). A capture-time change also invalidates the timeline so the asset
 *   moves to its new place.
 * - A coordinate change is followed by polling the detail until the server's
 *   reverse geocoding has written the new place names.
 */
import {
  defaultScheduler,
  type MutationOptions,
  notifyManager,
  type QueryClient,
  type QueryKey,
  useMutation,
  useMutationState,
  useQueryClient,
} from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import {
  applyBodyToAsset,
  holdsAsset,
  mapCachedAsset,
  mergeServerAsset,
  touchesCaptureTime,
  touchesLocation,
} from "../../api/asset-cache";
import { errorMessage } from "../../api/client";
import { getAssetDetail } from "../../api/get-asset";
import { assetQueries } from "../../api/list-assets";
import type { Asset, UpdateAssetBody } from "../../api/schemas";
import { describeUpdate, updateAsset } from "../../api/update-asset";
import { toast } from "../../components/ui/toast";

export const updateMutationKey = (id: string) => [...assetQueries.all(), "update", id] as const;

type Snapshot = (readonly [QueryKey, unknown])[];

interface Ledger {
  /** The cached values as they were before the first edit still in flight (plus the answers since). */
  base: Snapshot;
  pending: { token: number; body: UpdateAssetBody }[];
  /** A capture time changed: the timeline must be refetched when the burst settles. */
  moved: boolean;
}

export interface UpdateContext {
  token: number;
}

const ledgers = new WeakMap<QueryClient, Map<string, Ledger>>();
let nextToken = 0;

function ledgerFor(client: QueryClient, id: string): Ledger {
  let byAsset = ledgers.get(client);
  if (!byAsset) {
    byAsset = new Map();
    ledgers.set(client, byAsset);
  }
  let ledger = byAsset.get(id);
  if (!ledger) {
    ledger = { base: [], pending: [], moved: false };
    byAsset.set(id, ledger);
  }
  return ledger;
}

/** Every cached query under `["assets"]` whose data holds the asset. */
function queriesHolding(client: QueryClient, id: string) {
  return client
    .getQueryCache()
    .findAll({ queryKey: assetQueries.all() })
    .filter((query) => holdsAsset(query.state.data, id));
}

function snapshot(client: QueryClient, id: string): Snapshot {
  return queriesHolding(client, id).map((query) => [query.queryKey, query.state.data] as const);
}

/** Writes `fn(asset)` into every cached value that holds the asset. */
function patchCaches(client: QueryClient, id: string, fn: (asset: Asset) => Asset): void {
  for (const query of queriesHolding(client, id)) {
    const next = mapCachedAsset(query.state.data, id, fn);
    if (next !== query.state.data) client.setQueryData(query.queryKey, next);
  }
}

const applyAll = (bodies: readonly UpdateAssetBody[]) => (asset: Asset) =>
  bodies.reduce((acc, body) => applyBodyToAsset(acc, body), asset);

/** The base written back, then the edits still queued applied again on top. */
function restore(client: QueryClient, id: string, ledger: Ledger): void {
  const again = applyAll(ledger.pending.map((p) => p.body));
  for (const [key, data] of ledger.base) client.setQueryData(key, mapCachedAsset(data, id, again));
}

// ---------------------------------------------------------------------------
// Waiting for reverse geocoding
// ---------------------------------------------------------------------------

const PLACE_POLL_MS = 500;
const PLACE_POLL_LIMIT_MS = 15_000;
const placeWatches = new Map<string, AbortController>();
const placeListeners = new Set<() => void>();

function notifyPlace() {
  for (const listener of placeListeners) listener();
}

/**
 * True from the moment new coordinates are committed until the server has
 * named the place: while the PATCH is in flight, then while geocoding runs.
 */
export function usePlacePending(id: string): boolean {
  const saving = useMutationState({
    filters: { mutationKey: updateMutationKey(id), status: "pending" },
    select: (mutation) => touchesLocation(mutation.state.variables as UpdateAssetBody),
  }).some(Boolean);
  const geocoding = useSyncExternalStore(
    (listener) => {
      placeListeners.add(listener);
      return () => placeListeners.delete(listener);
    },
    () => placeWatches.has(id),
  );
  return saving || geocoding;
}

function stopPlaceWatch(id: string): void {
  const watch = placeWatches.get(id);
  if (watch) {
    watch.abort();
    placeWatches.delete(id);
    notifyPlace();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}

/**
 * Polls the detail until `metadata.updated_at` is later than the PATCH
 * answer's (the geocoding job has written the new place), then writes the
 * fresh asset into every cache. Gives up after 15 s and leaves it to the
 * normal refetch.
 */
async function watchPlace(client: QueryClient, id: string, since: string): Promise<void> {
  stopPlaceWatch(id);
  const controller = new AbortController();
  placeWatches.set(id, controller);
  notifyPlace();
  const { signal } = controller;
  const sinceMs = Date.parse(since);
  const deadline = Date.now() + PLACE_POLL_LIMIT_MS;
  try {
    while (Date.now() < deadline) {
      await sleep(PLACE_POLL_MS, signal);
      let fresh: Asset;
      try {
        fresh = await getAssetDetail(id, { signal });
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof Error && "status" in error && error.status === 404) return;
        continue;
      }
      const updated = Date.parse(fresh.metadata?.updated_at ?? "");
      if (Number.isFinite(updated) && updated > sinceMs) {
        const ledger = ledgersFor(client)?.get(id);
        const again = applyAll(ledger?.pending.map((p) => p.body) ?? []);
        if (ledger) {
          ledger.base = ledger.base.map(([key, data]) => [
            key,
            mapCachedAsset(data, id, (a) => mergeServerAsset(a, fresh)),
          ]);
        }
        patchCaches(client, id, (asset) => again(mergeServerAsset(asset, fresh)));
        return;
      }
    }
    await client.invalidateQueries({ queryKey: assetQueries.detail(id).queryKey });
  } catch (error) {
    if (!signal.aborted) throw error;
  } finally {
    if (placeWatches.get(id) === controller) {
      placeWatches.delete(id);
      notifyPlace();
    }
  }
}

function ledgersFor(client: QueryClient) {
  return ledgers.get(client);
}

// ---------------------------------------------------------------------------
// The mutation
// ---------------------------------------------------------------------------

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The message a failed save shows. */
export function failureToast(body: UpdateAssetBody, error: unknown): { title: string; message: string } {
  const detail = errorMessage(error);
  return {
    title: `Couldn't save ${describeUpdate(body)}`,
    message: `${sentence(detail)} Your change is kept — try again.`,
  };
}

export function updateAssetMutation(
  client: QueryClient,
  id: string,
): MutationOptions<Asset, Error, UpdateAssetBody, UpdateContext> {
  const detailKey = assetQueries.detail(id).queryKey;
  const mutationKey = updateMutationKey(id);
  return {
    mutationKey,
    scope: { id: `asset-${id}` },
    mutationFn: (body) => updateAsset(id, body),

    // Synchronous on purpose: the caches change before the event handler that called mutate() returns.
    onMutate: (body) => {
      const ledger = ledgerFor(client, id);
      for (const query of queriesHolding(client, id)) {
        if (query.state.fetchStatus === "fetching")
          void client.cancelQueries({ queryKey: query.queryKey, exact: true });
      }
      if (ledger.pending.length === 0) ledger.base = snapshot(client, id);
      nextToken += 1;
      ledger.pending.push({ token: nextToken, body });
      if (touchesCaptureTime(body)) ledger.moved = true;
      if (touchesLocation(body)) stopPlaceWatch(id);
      patchCaches(client, id, (asset) => applyBodyToAsset(asset, body));
      return { token: nextToken };
    },

    onSuccess: (server, body, context) => {
      const ledger = ledgerFor(client, id);
      ledger.pending = ledger.pending.filter((p) => p.token !== context?.token);
      const keepPlace = touchesLocation(body) || placeWatches.has(id);
      const answer = (asset: Asset) => mergeServerAsset(applyBodyToAsset(asset, body), server, { keepPlace });
      ledger.base = ledger.base.map(([key, data]) => [key, mapCachedAsset(data, id, answer)]);
      const again = applyAll(ledger.pending.map((p) => p.body));
      patchCaches(client, id, (asset) => again(mergeServerAsset(asset, server, { keepPlace })));
      if (touchesLocation(body)) {
        void watchPlace(client, id, server.metadata?.updated_at ?? server.updated_at);
      }
    },

    onError: (error, body, context) => {
      const ledger = ledgerFor(client, id);
      ledger.pending = ledger.pending.filter((p) => p.token !== context?.token);
      restore(client, id, ledger);
      toast({ id: `save-${id}-${describeUpdate(body)}`, kind: "error", ...failureToast(body, error) });
    },

    onSettled: () => {
      if (client.isMutating({ mutationKey }) !== 1) return;
      const ledger = ledgerFor(client, id);
      const moved = ledger.moved;
      ledgersFor(client)?.delete(id);
      const work: Promise<unknown>[] = [];
      // While geocoding runs, a refetch would bring back the old place names; the watcher refreshes instead.
      if (!placeWatches.has(id)) work.push(client.invalidateQueries({ queryKey: detailKey, exact: true }));
      if (moved) {
        work.push(
          client.invalidateQueries({ queryKey: assetQueries.timeline() }),
          client.invalidateQueries({ queryKey: assetQueries.lists() }),
          // Which assets sit next to which has changed.
          client.invalidateQueries({
            queryKey: assetQueries.details(),
            predicate: (query) => query.queryKey[3] === "adjacent",
          }),
        );
      }
      return Promise.all(work);
    },
  };
}

/**
 * Runs `commit` (which calls mutate, whose onMutate writes the optimistic
 * data) so that React Query tells its subscribers in a microtask instead of
 * its default `setTimeout(0)`. React then renders the drawer and the timeline
 * tile before the browser's next frame, with the priority of the input event
 * that caused the edit (synchronous for a key or a click): the change is on
 * screen in the frame the user committed it. The default scheduler is put back
 * at once, so nothing else changes.
 */
export function commitNow<T>(commit: () => T): T {
  notifyManager.setScheduler(queueMicrotask);
  try {
    return notifyManager.batch(commit);
  } finally {
    notifyManager.setScheduler(defaultScheduler);
  }
}

/** The drawer's one way to change an asset. */
export function useUpdateAsset(id: string) {
  const client = useQueryClient();
  return useMutation(updateAssetMutation(client, id));
}
