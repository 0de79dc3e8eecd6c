import type { ImageEvent } from '@imgpipe/event-schemas';
import { normalizeSequencer } from '@imgpipe/event-schemas';

/**
 * An {@link ImageEvent} as `parseImageEvents` yields it, for tests of a service's
 * process-record: key decoded, sequencer normalized.
 *
 * @example
 * const event = imageEventFactory({ key: 'ana/a b.jpg', sequencer: '0A' });
 */
export function imageEventFactory(
  fields: { readonly key: string; readonly sequencer?: string } & Partial<
    Omit<ImageEvent, 'key' | 'sequencer'>
  >,
): ImageEvent {
  const { key, sequencer = '01', ...rest } = fields;
  return {
    imageId: key,
    bucket: 'imgpipe-source',
    key,
    size: undefined,
    eTag: undefined,
    eventName: 'ObjectCreated:Put',
    eventTime: '2026-01-01T00:00:00.000Z',
    requestId: 'REQ1',
    ...rest,
    sequencer: normalizeSequencer(sequencer),
  };
}
