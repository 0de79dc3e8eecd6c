import { compareSequencers, normalizeSequencer, SEQUENCER_WIDTH } from './sequencer';

describe('sequencers', () => {
  it('given sequencers of different lengths, when compared, then the numerically larger is later', () => {
    expect(compareSequencers('FF', '0100')).toBeLessThan(0);
    expect(compareSequencers('0055AED6DCD90281E5', '0055AED6DCD90281E4')).toBeGreaterThan(0);
  });

  it('given the same sequencer in different case and padding, when compared, then they are equal', () => {
    expect(compareSequencers('00ab', 'AB')).toBe(0);
  });

  it('given a sequencer, when normalized, then it is upper-case and fixed width', () => {
    expect(normalizeSequencer('5aed6dcd')).toBe('5AED6DCD'.padStart(SEQUENCER_WIDTH, '0'));
  });

  it('given a non-hex sequencer, when normalized, then it is refused', () => {
    expect(() => normalizeSequencer('12-34')).toThrow('hexadecimal');
  });
});
