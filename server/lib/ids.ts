import { createTranslator } from "short-uuid";

// Python's shortuuid alphabet (57 characters, no look-alikes), which the hosted
// service uses: ids are a prefix plus 22 characters (gumnut-api.md §1.2).
const translator = createTranslator("23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz");

export type IdPrefix = "asset" | "lib" | "asset_version";

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${translator.generate()}`;
}
