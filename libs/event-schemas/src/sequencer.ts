/** Width that every stored sequencer is padded to, so string order equals numeric order. */
export const SEQUENCER_WIDTH = 32;

/**
 * Left-pads an S3 event `sequencer` (hex of varying length) to a fixed width, upper-cased,
 * so two sequencers for one key compare correctly as strings, in code and in DynamoDB
 * condition expressions alike.
 *
 * @example
 * normalizeSequencer('0055AED6DCD90281E5'); // '000000000000000055AED6DCD90281E5'
 */
export function normalizeSequencer(sequencer: string): string {
  if (!/^[0-9a-fA-F]+$/.test(sequencer)) {
    throw new Error(`S3 sequencer must be hexadecimal, got "${sequencer}"`);
  }
  return sequencer.toUpperCase().padStart(SEQUENCER_WIDTH, '0');
}

/**
 * Orders two sequencers of events for the same key: negative when `a` came first,
 * zero for the same event, positive when `a` came later.
 *
 * @example
 * compareSequencers('FF', '0100') < 0; // true: 0xFF was sequenced before 0x100
 */
export function compareSequencers(a: string, b: string): number {
  const left = normalizeSequencer(a);
  const right = normalizeSequencer(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
