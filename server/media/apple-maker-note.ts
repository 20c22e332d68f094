/**
 * The two Apple MakerNote tags Gumleaf needs. exifr hands the MakerNote over as
 * opaque bytes, and Apple's layout is simple enough to walk here: the header
 * `Apple iOS\0`, a 2-byte version, a byte-order mark, then one TIFF-style IFD
 * whose value offsets count from the start of the MakerNote.
 */

export interface AppleMakerNote {
  /** Pairs a Live Photo still with its video (tag 0x0011, ContentIdentifier). */
  contentIdentifier: string | null;
  /** Shared by every frame of one burst (tag 0x000b, BurstUUID). */
  burstUuid: string | null;
}

const SIGNATURE = "Apple iOS\0";
const IFD_OFFSET = 14;
const ENTRY_SIZE = 12;
const TYPE_ASCII = 2;
const TAG_BURST_UUID = 0x000b;
const TAG_CONTENT_IDENTIFIER = 0x0011;

const decoder = new TextDecoder("latin1");

function ascii(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function readAppleMakerNote(bytes: Uint8Array): AppleMakerNote | null {
  if (bytes.length < IFD_OFFSET + 2) return null;
  if (ascii(bytes.subarray(0, SIGNATURE.length)) !== SIGNATURE) return null;
  const order = String.fromCharCode(bytes[12], bytes[13]);
  if (order !== "MM" && order !== "II") return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = order === "II";
  const strings = new Map<number, string>();
  const count = view.getUint16(IFD_OFFSET, little);
  for (let i = 0; i < count; i++) {
    const entry = IFD_OFFSET + 2 + i * ENTRY_SIZE;
    if (entry + ENTRY_SIZE > bytes.length) break;
    if (view.getUint16(entry + 2, little) !== TYPE_ASCII) continue;
    const length = view.getUint32(entry + 4, little);
    const start = length <= 4 ? entry + 8 : view.getUint32(entry + 8, little);
    if (start + length > bytes.length) continue;
    const text = ascii(bytes.subarray(start, start + length))
      .replace(/\0+$/, "")
      .trim();
    if (text) strings.set(view.getUint16(entry, little), text);
  }
  return {
    contentIdentifier: strings.get(TAG_CONTENT_IDENTIFIER) ?? null,
    burstUuid: strings.get(TAG_BURST_UUID) ?? null,
  };
}
