import { REQUIRED_EMPTY_POLLS, isQuiet } from './drain';

describe('isQuiet', () => {
  const idle = { busy: false, emptyPolls: REQUIRED_EMPTY_POLLS };

  it('given idle runners with enough empty polls and an idle bridge, then it is quiet', () => {
    expect(isQuiet({ runners: [idle, idle], bridgeBusy: false })).toBe(true);
    expect(isQuiet({ runners: [], bridgeBusy: false })).toBe(true);
  });

  it('given a runner with a batch in hand, then it is not quiet', () => {
    expect(isQuiet({ runners: [idle, { busy: true, emptyPolls: 5 }], bridgeBusy: false })).toBe(
      false,
    );
  });

  it('given a runner with a single empty poll, then it is not quiet yet', () => {
    expect(
      isQuiet({
        runners: [idle, { busy: false, emptyPolls: REQUIRED_EMPTY_POLLS - 1 }],
        bridgeBusy: false,
      }),
    ).toBe(false);
  });

  it('given a notification still being published, then it is not quiet', () => {
    expect(isQuiet({ runners: [idle], bridgeBusy: true })).toBe(false);
  });
});
