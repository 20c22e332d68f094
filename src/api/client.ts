/**
 * The one HTTP client of the app. Everything that talks to the Gumnut API goes
 * through `apiFetch` (the upload, which needs progress events, uses
 * XMLHttpRequest in `upload-asset.ts` but shares the error handling below).
 *
 * - passes the caller's `AbortSignal` (TanStack Query cancels stale requests);
 * - parses every 2xx body with the zod schema the caller gives;
 * - turns every failure into an `ApiError` with a message a person can read;
 * - takes a GET's answer from early-requests.ts when it was asked for while the app loaded.
 */
import { z } from "zod";
import { discardEarlyAnswers, type EarlyAnswer, takeEarlyAnswer } from "./early-requests";
import { messageErrorSchema, type ValidationIssue, validationErrorSchema } from "./schemas";

/** Where a failure happened: no answer at all, an error status, or a 2xx body we could not read. */
export type ApiErrorKind = "network" | "http" | "invalid-response";

export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly kind: ApiErrorKind;
  /** HTTP status, or 0 when the server could not be reached. */
  readonly status: number;
  /** The 422 validation issues, when the server sent them. */
  readonly issues: readonly ValidationIssue[];

  constructor(init: {
    kind: ApiErrorKind;
    status: number;
    message: string;
    issues?: readonly ValidationIssue[];
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.kind = init.kind;
    this.status = init.status;
    this.issues = init.issues ?? [];
  }

  /** True when no Gumleaf server answered (it is not running, or a proxy in front of it says so). */
  get isUnreachable(): boolean {
    return this.kind === "network" || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export const UNREACHABLE_MESSAGE = "Could not reach the Gumleaf server.";

/** What to tell a person about any failure: its message (ApiError's is written for them), or a fallback. */
export function errorMessage(error: unknown): string {
  return error instanceof Error && error.message ? error.message : "Something went wrong.";
}

/** Other spellings of an error body that some Gumnut-compatible servers send (ADP reads them too). */
const altMessageSchema = z.union([z.object({ message: z.string() }), z.object({ error: z.string() })]);

/** `["body", "latitude"]` + "must be ≤ 90" → "latitude: must be ≤ 90"; a bare `["body"]` gives just the message. */
export function describeIssue(issue: Pick<ValidationIssue, "loc" | "msg">): string {
  const loc = issue.loc.slice(["body", "query", "path"].includes(String(issue.loc[0])) ? 1 : 0);
  return loc.length > 0 ? `${loc.join(".")}: ${issue.msg}` : issue.msg;
}

/** Builds the `ApiError` for a non-2xx answer from its raw body (JSON or not). */
export function apiErrorFromResponse(status: number, statusText: string, bodyText: string): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = undefined;
  }
  const validation = validationErrorSchema.safeParse(body);
  if (validation.success && validation.data.detail.length > 0) {
    const issues = validation.data.detail;
    return new ApiError({ kind: "http", status, message: issues.map(describeIssue).join("; "), issues });
  }
  const detail = messageErrorSchema.safeParse(body);
  if (detail.success && detail.data.detail.trim() !== "") {
    return new ApiError({ kind: "http", status, message: detail.data.detail });
  }
  const alt = altMessageSchema.safeParse(body);
  if (alt.success) {
    return new ApiError({ kind: "http", status, message: "message" in alt.data ? alt.data.message : alt.data.error });
  }
  const reason = statusText.trim() === "" ? "" : ` (${statusText})`;
  return new ApiError({ kind: "http", status, message: `The server answered with an error: ${status}${reason}.` });
}

/** Parses a 2xx body with `schema`, or throws an `ApiError` that says the answer was not understood. */
export function parseResponseBody<T>(schema: z.ZodType<T>, status: number, bodyText: string, what: string): T {
  let json: unknown;
  try {
    json = bodyText === "" ? undefined : JSON.parse(bodyText);
  } catch (cause) {
    throw new ApiError({
      kind: "invalid-response",
      status,
      message: `The server's answer to ${what} is not JSON.`,
      cause,
    });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError({
      kind: "invalid-response",
      status,
      message: `The server's answer to ${what} does not match the Gumnut API.`,
      cause: parsed.error,
    });
  }
  return parsed.data;
}

export interface ApiFetchOptions<T> {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** A plain value is sent as JSON; `FormData` is sent as multipart. */
  body?: unknown;
  signal?: AbortSignal;
  /** Every response is parsed with a schema from `schemas.ts`. */
  schema: z.ZodType<T>;
}

/** An answer's body as `T`: an `ApiError` for an error status, or for a body that `schema` does not accept. */
function readAnswer<T>(answer: NonNullable<EarlyAnswer>, schema: z.ZodType<T>, what: string): T {
  if (answer.status < 200 || answer.status > 299)
    throw apiErrorFromResponse(answer.status, answer.statusText, answer.text);
  return parseResponseBody(schema, answer.status, answer.text, what);
}

/**
 * The answer to a GET of `path` asked for while the app loaded
 * (early-requests.ts), parsed with `schema`, once; null when there is none,
 * or when it is an error (the caller then asks its own way).
 */
export async function takeEarly<T>(path: string, schema: z.ZodType<T>): Promise<T | null> {
  const answer = await takeEarlyAnswer(path);
  if (!answer) return null;
  try {
    return readAnswer(answer, schema, `GET ${path.split("?")[0]}`);
  } catch {
    return null;
  }
}

/** `fetch` for the Gumnut API. Rejects with `ApiError`, or with the `AbortError` when `signal` aborts. */
export async function apiFetch<T>(
  path: string,
  { method = "GET", body, signal, schema }: ApiFetchOptions<T>,
): Promise<T> {
  const what = `${method} ${path.split("?")[0]}`;
  const read = method === "GET" && body === undefined;
  // A write may change what was asked for while the app loaded; a read takes that answer, once.
  if (!read) discardEarlyAnswers();
  const early = read ? await takeEarlyAnswer(path) : null;
  if (early) {
    if (signal?.aborted) throw signal.reason;
    return readAnswer(early, schema, what);
  }

  const headers = new Headers({ Accept: "application/json" });
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers.set("Content-Type", "application/json");
    payload = JSON.stringify(body);
  }

  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, signal });
  } catch (cause) {
    if (signal?.aborted) throw signal.reason ?? cause;
    throw new ApiError({ kind: "network", status: 0, message: UNREACHABLE_MESSAGE, cause });
  }

  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    if (signal?.aborted) throw signal.reason ?? cause;
    throw new ApiError({ kind: "network", status: response.status, message: UNREACHABLE_MESSAGE, cause });
  }
  return readAnswer({ status: response.status, statusText: response.statusText, text }, schema, what);
}

/** `?a=1&b=x` from the defined entries of `params` (empty string when there are none). */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, String(value));
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}
