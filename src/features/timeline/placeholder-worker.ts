/**
 * Decodes ThumbHash placeholders off the main thread (RGBA, PNG, base64: about
 * 0.2–0.8 ms each). Replies in small batches, so the first tiles asked for
 * show while the rest are decoded.
 */
import { thumbhashDataUrl } from "../../lib/thumbhash";
import type { PlaceholderReply, PlaceholderRequest } from "./placeholder-protocol";

/** The worker's global scope, typed by hand: the project compiles with the DOM lib, not WebWorker. */
const scope = self as unknown as {
  postMessage(message: PlaceholderReply): void;
  addEventListener(type: "message", listener: (event: MessageEvent<PlaceholderRequest>) => void): void;
};

/** A batch is posted after this long or this many, whichever comes first. */
const BATCH_MS = 4;
const BATCH_SIZE = 24;

// Ready: until this arrives the page decodes on its own (the script may wait behind busy API requests).
scope.postMessage([]);

scope.addEventListener("message", (event) => {
  let batch: PlaceholderReply = [];
  let started = performance.now();
  for (const hash of event.data) {
    batch.push([hash, thumbhashDataUrl(hash)]);
    if (batch.length >= BATCH_SIZE || performance.now() - started > BATCH_MS) {
      scope.postMessage(batch);
      batch = [];
      started = performance.now();
    }
  }
  if (batch.length > 0) scope.postMessage(batch);
});
