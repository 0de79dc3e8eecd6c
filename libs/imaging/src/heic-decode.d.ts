// heic-decode 2.1 ships no types; this is the part of its API imaging uses.
declare module 'heic-decode' {
  interface HeicPixels {
    readonly width: number;
    readonly height: number;
    /** RGBA, 8 bits per channel, HEIF transforms (`irot`, `imir`, `clap`) applied. */
    readonly data: Uint8ClampedArray;
  }
  interface HeicImage {
    readonly width: number;
    readonly height: number;
    decode(): Promise<HeicPixels>;
  }
  /** Every top-level image, in libheif's order; `dispose` frees them all. */
  type HeicImages = HeicImage[] & { dispose(): void };
  interface HeicDecode {
    (input: { buffer: Uint8Array }): Promise<HeicPixels>;
    all(input: { buffer: Uint8Array }): Promise<HeicImages>;
  }
  const decode: HeicDecode;
  export = decode;
}
