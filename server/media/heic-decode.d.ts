declare module "heic-decode" {
  export interface DecodedHeic {
    width: number;
    height: number;
    /** RGBA, 4 bytes per pixel, with the HEIF irot/imir transforms applied. */
    data: Uint8ClampedArray;
  }

  /** Decodes the primary image of a HEIC/HEIF file. */
  export default function decode(input: { buffer: Uint8Array }): Promise<DecodedHeic>;
}
