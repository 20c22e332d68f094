import type { z } from "zod";
import type { ValidationIssue } from "../../src/api/schemas";
import { ValidationError } from "./errors";

function issueType(code: string): string {
  switch (code) {
    case "invalid_type":
      return "type_error";
    case "too_small":
    case "too_big":
      return "value_error.number.range";
    default:
      return "value_error";
  }
}

/** Converts zod issues to the HTTPValidationError `detail` list with `loc` rooted at body/query/path. */
export function zodIssues(error: z.ZodError, root: "body" | "query" | "path"): ValidationIssue[] {
  return error.issues.map((issue) => ({
    loc: [root, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))],
    msg: issue.message,
    type: issueType(issue.code),
  }));
}

export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  value: unknown,
  root: "body" | "query" | "path",
): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(zodIssues(result.error, root));
  return result.data;
}
