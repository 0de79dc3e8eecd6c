import type { ImageEvent } from '@imgpipe/event-schemas';
import { normalizeSequencer } from '@imgpipe/event-schemas';

/**
 * An {@link ImageEvent} as `parseImageEvents` yields it, for tests of a service's
 * process-record: key decoded, sequencer normalized; an upload unless `kind` says `removed`
 * (then with S3's `ObjectRemoved:Delete` name).
 *
 * @example
 * const event = imageEventFactory({ key: 'ana/a b.jpg', sequencer: '0A' });
 * const removal = imageEventFactory({ key: 'ana/a b.jpg', sequencer: '0B', kind: 'removed' });
 */
export function imageEventFactory(
  fields: { readonly key: string; readonly sequencer?: string } & Partial<
    Omit<ImageEvent, 'key' | 'sequencer'>
  >,
): ImageEvent {
  const { key, sequencer = '01', kind = 'created', ...rest } = fields;
  return {
    kind,
    imageId: key,
    bucket: 'imgpipe-source',
    key,
    size: undefined,
    eTag: undefined,
    eventName: kind === 'removed' ? 'ObjectRemoved:Delete' : 'ObjectCreated:Put',
    eventTime: '2026-01-01T00:00:00.000Z',
    requestId: 'REQ1',
    ...rest,
    sequencer: normalizeSequencer(sequencer),
  };
}
