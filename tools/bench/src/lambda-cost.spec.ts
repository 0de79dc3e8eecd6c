import { LAMBDA_ARM64_PRICE, lambdaCostPerMillion, MB_PER_VCPU } from './lambda-cost';

describe('lambdaCostPerMillion', () => {
  it('given one vCPU of memory and 1 s of CPU per image, when costed, then it bills 1 s at that memory plus the request share', () => {
    const cost = lambdaCostPerMillion({ cpuMsPerImage: 1000, memoryMb: MB_PER_VCPU, batchSize: 1 });

    expect(cost.billedMsPerImage).toBeCloseTo(1000, 9);
    expect(cost.computeUsdPerMillion).toBeCloseTo(
      (MB_PER_VCPU / 1024) * LAMBDA_ARM64_PRICE.usdPerGbSecond * 1e6,
      6,
    );
    expect(cost.requestUsdPerMillion).toBeCloseTo(0.2, 9);
    expect(cost.totalUsdPerMillion).toBeCloseTo(
      cost.computeUsdPerMillion + cost.requestUsdPerMillion,
      9,
    );
  });

  it('given half a vCPU, when costed, then the same CPU takes twice as long at half the memory: compute costs the same', () => {
    const full = lambdaCostPerMillion({ cpuMsPerImage: 300, memoryMb: MB_PER_VCPU, batchSize: 1 });
    const half = lambdaCostPerMillion({
      cpuMsPerImage: 300,
      memoryMb: MB_PER_VCPU / 2,
      batchSize: 1,
    });

    expect(half.billedMsPerImage).toBeCloseTo(2 * full.billedMsPerImage, 9);
    expect(half.computeUsdPerMillion).toBeCloseTo(full.computeUsdPerMillion, 9);
  });

  it('given a batch of 4, when costed, then each image carries a quarter of a request', () => {
    const cost = lambdaCostPerMillion({ cpuMsPerImage: 0, memoryMb: 1024, batchSize: 4 });

    expect(cost.computeUsdPerMillion).toBe(0);
    expect(cost.totalUsdPerMillion).toBeCloseTo(0.05, 9);
  });

  it('given a custom price, when costed, then it is used', () => {
    const cost = lambdaCostPerMillion(
      { cpuMsPerImage: 1000, memoryMb: 1024, batchSize: 1 },
      { usdPerGbSecond: 1e-6, usdPerMillionRequests: 0, source: 'test' },
    );

    // 1 s of CPU on 1024/1769 of a vCPU bills 1769/1024 s at 1 GB.
    expect(cost.totalUsdPerMillion).toBeCloseTo(MB_PER_VCPU / 1024, 9);
  });

  it.each([
    [{ cpuMsPerImage: -1, memoryMb: 1024, batchSize: 1 }],
    [{ cpuMsPerImage: 1, memoryMb: 0, batchSize: 1 }],
    [{ cpuMsPerImage: 1, memoryMb: 1024, batchSize: 0 }],
  ])('given %j, when costed, then it is a range error', (input) => {
    expect(() => lambdaCostPerMillion(input)).toThrow(RangeError);
  });
});
