import type { ObjectStore } from '@imgpipe/aws';
import type { ImageLimits } from '@imgpipe/imaging';

import type { MarkSource } from './config';
import type { RawRgba } from './raw-image';
import { renderBundledLogo, renderMark } from './watermark-mark';

/**
 * The mark could not be drawn (logo object missing or not an image). Deliberately not
 * permanent: the upload is fine, so its record must not end `rejected`; the message is
 * retried and, if the configuration stays wrong, kept in the DLQ for a replay after the fix.
 */
export class MarkUnavailableError extends Error {
  override readonly name = 'MarkUnavailableError';
}

/** Where a logo key is read from, and the limits its bytes are checked against. */
export interface MarkLoaderDeps {
  readonly store: ObjectStore;
  readonly bucket: string;
  readonly limits: ImageLimits;
}

/**
 * Returns a function that draws the mark once per container and hands out the same pixels
 * afterwards. A failure is not cached, so the next message tries again (the logo may have
 * been uploaded meanwhile).
 *
 * @example
 * const mark = createMarkLoader({ text: '© imgpipe', logo: { kind: 'object', key: 'assets/watermark/logo.png' } }, { store, bucket, limits });
 * const pixels = await mark();
 */
export function createMarkLoader(source: MarkSource, deps: MarkLoaderDeps): () => Promise<RawRgba> {
  let drawn: Promise<RawRgba> | undefined;
  return () => {
    drawn ??= draw(source, deps).catch((error: unknown) => {
      drawn = undefined;
      throw new MarkUnavailableError(`watermark mark could not be drawn: ${(error as Error).message}`, { cause: error });
    });
    return drawn;
  };
}

async function draw(source: MarkSource, deps: MarkLoaderDeps): Promise<RawRgba> {
  const logo = await logoBytes(source, deps);
  return renderMark({ ...(source.text === undefined ? {} : { text: source.text }), ...(logo === undefined ? {} : { logo }) }, deps.limits);
}

async function logoBytes(source: MarkSource, deps: MarkLoaderDeps): Promise<Uint8Array | undefined> {
  switch (source.logo.kind) {
    case 'none':
      return undefined;
    case 'bundled':
      return renderBundledLogo();
    case 'object':
      return deps.store.get(deps.bucket, source.logo.key);
  }
}
