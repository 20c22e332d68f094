/** Messages between the page and placeholder-worker.ts. */

/** ThumbHashes (base64) to decode, in the order they are wanted. */
export type PlaceholderRequest = string[];

/** Decoded placeholders: each hash with its PNG data URL, or null when it cannot be decoded. */
export type PlaceholderReply = [hash: string, url: string | null][];
