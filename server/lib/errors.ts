import type { ValidationIssue } from "../../src/api/schemas";

/** An error with an HTTP status and a `{"detail": "..."}` body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** A 422 in the HTTPValidationError shape. */
export class ValidationError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super(issues.map((i) => `${i.loc.join(".")}: ${i.msg}`).join("; "));
  }
}

export function invalid(loc: (string | number)[], msg: string, input?: unknown): ValidationError {
  const issue: ValidationIssue = { loc, msg, type: "value_error" };
  if (input !== undefined) issue.input = input;
  return new ValidationError([issue]);
}

export const notFound = (what: string) => new HttpError(404, `${what} not found`);
