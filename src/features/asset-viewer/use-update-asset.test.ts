import { MutationObserver, QueryClient } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { applyBodyToAsset, type TimelineSegment } from "../../api/asset-cache";
import { ApiError } from "../../api/client";
import { type Asset, assetSchema, type UpdateAssetBody } from "../../api/schemas";
import { currentToasts, dismissToast } from "../../components/ui/toast";
import { updateAssetMutation } from "./use-update-asset";

const server = vi.hoisted(() => ({
  answers: [] as Array<(body: unknown) => Promise<unknown>>,
}));

vi.mock("../../api/update-asset", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../api/update-asset")>()),
  updateAsset: (_id: string, body: unknown) => {
    const next = server.answers.shift();
    if (!next) throw new Error("no answer queued");
    return next(body);
  },
}));

const ID = "asset_a";
const base = assetSchema.parse({
  id: ID,
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
  original_file_name: "canon-tokyo.jpg",
  mime_type: "image/jpeg",
  local_datetime: "2023-04-02T14:03:05+09:00",
  metadata: {
    asset_id: ID,
    created_at: "2026-01-01T00:00:00.000Z",
    updated_at: "2026-01-01T00:00:00.000Z",
    rating: 4,
    description: "Tokyo Tower at noon",
    original_datetime: "2023-04-02T14:03:05+09:00",
  },
});
const lean: Asset = { ...base, metadata: null };

/** A controllable server answer. */
function deferred() {
  let resolve!: (a: Asset) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<Asset>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function setup() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity } } });
  client.setQueryData(["assets", "detail", ID], base);
  client.setQueryData(["assets", "timeline", "segment", "2023-04"], { assets: [lean] } satisfies TimelineSegment);
  client.setQueryData(["assets", "timeline", "segment", "2023-03"], { assets: [] } satisfies TimelineSegment);
  const mutate = (body: UpdateAssetBody) =>
    new MutationObserver(client, updateAssetMutation(client, ID)).mutate(body).catch(() => undefined);
  const detail = () => client.getQueryData<Asset>(["assets", "detail", ID]);
  const tile = () => client.getQueryData<TimelineSegment>(["assets", "timeline", "segment", "2023-04"])?.assets[0];
  return { client, mutate, detail, tile };
}

const serverAnswer = (body: UpdateAssetBody) => applyBodyToAsset(base, body);

beforeEach(() => {
  server.answers = [];
});
afterEach(() => {
  for (const t of currentToasts()) dismissToast(t.id);
});

describe("optimistic PATCH", () => {
  it("writes into the detail and the timeline tile before mutate() returns", () => {
    const { mutate, detail, tile } = setup();
    const answer = deferred();
    server.answers.push(() => answer.promise);
    void mutate({ original_datetime: "2023-04-02T15:00:00+09:00", rating: 2 });
    expect(detail()?.metadata?.rating).toBe(2);
    expect(detail()?.local_datetime).toBe("2023-04-02T15:00:00+09:00");
    expect(tile()?.local_datetime).toBe("2023-04-02T15:00:00+09:00");
    answer.resolve(serverAnswer({ rating: 2 }));
  });

  it("rolls back the detail and the tile on failure and says what failed", async () => {
    const { mutate, detail, tile } = setup();
    server.answers.push(() =>
      Promise.reject(new ApiError({ kind: "http", status: 500, message: "Internal server error" })),
    );
    await mutate({ original_datetime: "1999-01-01T00:00:00+09:00" });
    expect(detail()?.local_datetime).toBe(base.local_datetime);
    expect(tile()?.local_datetime).toBe(base.local_datetime);
    const [shown] = currentToasts();
    expect(shown.kind).toBe("error");
    expect(shown.title).toBe("Couldn't save the capture time");
    expect(shown.message).toBe("Internal server error. Your change is kept — try again.");
  });

  it("sends edits of one asset in order", async () => {
    const { mutate } = setup();
    const seen: unknown[] = [];
    const first = deferred();
    server.answers.push(
      (body) => {
        seen.push(body);
        return first.promise;
      },
      async (body) => {
        seen.push(body);
        return serverAnswer({ rating: 3 });
      },
    );
    const a = mutate({ rating: 1 });
    const b = mutate({ rating: 3 });
    await Promise.resolve();
    expect(seen).toEqual([{ rating: 1 }]);
    first.resolve(serverAnswer({ rating: 1 }));
    await Promise.all([a, b]);
    expect(seen).toEqual([{ rating: 1 }, { rating: 3 }]);
  });

  it("keeps a later edit when an earlier one fails", async () => {
    const { mutate, detail } = setup();
    const first = deferred();
    const second = deferred();
    server.answers.push(
      () => first.promise,
      () => second.promise,
    );
    const a = mutate({ rating: 1 });
    const b = mutate({ description: "Later" });
    expect(detail()?.metadata?.rating).toBe(1);
    expect(detail()?.metadata?.description).toBe("Later");

    first.reject(new ApiError({ kind: "http", status: 500, message: "boom" }));
    await a;
    expect(detail()?.metadata?.rating).toBe(4);
    expect(detail()?.metadata?.description).toBe("Later");

    second.resolve(serverAnswer({ description: "Later" }));
    await b;
    expect(detail()?.metadata?.rating).toBe(4);
    expect(detail()?.metadata?.description).toBe("Later");
  });

  it("does not bring back an earlier failure when a later edit fails too", async () => {
    const { mutate, detail } = setup();
    server.answers.push(
      () => Promise.reject(new Error("down")),
      () => Promise.reject(new Error("down")),
    );
    await Promise.all([mutate({ rating: 1 }), mutate({ rating: 2 })]);
    expect(detail()?.metadata?.rating).toBe(4);
  });

  it("writes the server's answer when it succeeds", async () => {
    const { mutate, detail } = setup();
    server.answers.push(async () => ({
      ...serverAnswer({ description: null }),
      metadata: { ...base.metadata, description: "From the file" },
    }));
    const pending = mutate({ description: null });
    expect(detail()?.metadata?.description).toBeNull();
    await pending;
    expect(detail()?.metadata?.description).toBe("From the file");
  });

  it("invalidates only when the last edit settles, and the timeline after a time change", async () => {
    const { client, mutate } = setup();
    const spy = vi.spyOn(client, "invalidateQueries");
    const first = deferred();
    server.answers.push(
      () => first.promise,
      async () => serverAnswer({ rating: 5 }),
    );
    const a = mutate({ original_datetime: "2020-01-01T00:00:00" });
    const b = mutate({ rating: 5 });
    first.resolve(serverAnswer({ original_datetime: "2020-01-01T00:00:00" }));
    await a;
    expect(spy).not.toHaveBeenCalled();
    await b;
    const keys = spy.mock.calls.map(([filters]) => JSON.stringify(filters?.queryKey));
    expect(keys).toContain(JSON.stringify(["assets", "detail", ID]));
    expect(keys).toContain(JSON.stringify(["assets", "timeline"]));
  });

  it("does not refetch the timeline after an edit that doesn't move the asset", async () => {
    const { client, mutate } = setup();
    const spy = vi.spyOn(client, "invalidateQueries");
    server.answers.push(async () => serverAnswer({ rating: 5 }));
    await mutate({ rating: 5 });
    const keys = spy.mock.calls.map(([filters]) => JSON.stringify(filters?.queryKey));
    expect(keys).toEqual([JSON.stringify(["assets", "detail", ID])]);
  });
});
