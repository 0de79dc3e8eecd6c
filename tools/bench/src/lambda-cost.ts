/** What Lambda charges on arm64, and where the figures come from. */
export interface LambdaPrice {
  readonly usdPerGbSecond: number;
  readonly usdPerMillionRequests: number;
  /** Region, tier and the date and source of the figures, printed with every cost. */
  readonly source: string;
}

/**
 * AWS Lambda on arm64 (Graviton), us-east-1, the first pricing tier (up to 6 billion GB-s a
 * month), as published on https://aws.amazon.com/lambda/pricing/ since arm64 functions
 * launched on 2021-09-29 and still listed in 2026; not re-read from this offline machine.
 */
export const LAMBDA_ARM64_PRICE: LambdaPrice = {
  usdPerGbSecond: 0.0000133334,
  usdPerMillionRequests: 0.2,
  source:
    'AWS Lambda arm64, us-east-1, tier 1: $0.0000133334 per GB-s, $0.20 per million requests ' +
    '(aws.amazon.com/lambda/pricing, unchanged since arm64 launched 2021-09-29; not re-read offline)',
};

/**
 * Memory at which a function gets one full vCPU; CPU share scales linearly with memory
 * (AWS Lambda developer guide, "Memory and computing power").
 */
export const MB_PER_VCPU = 1769;

/** One service's work per image and how its function is sized. */
export interface CostInput {
  /** CPU time (all threads) one image costs in the handler, in ms. */
  readonly cpuMsPerImage: number;
  readonly memoryMb: number;
  /** Messages per invocation: the per-request charge is shared by a batch. */
  readonly batchSize: number;
}

/** What a million images cost and the duration it assumes. */
export interface CostEstimate {
  /** Billed ms per image: CPU time over the function's vCPU share. */
  readonly billedMsPerImage: number;
  readonly computeUsdPerMillion: number;
  readonly requestUsdPerMillion: number;
  readonly totalUsdPerMillion: number;
}

/**
 * USD per million images: each image is billed for its CPU time spread over the vCPU
 * share the memory buys (memory / 1769 MB), i.e. the function keeps its share busy
 * (sharp's threads and MAX_CONCURRENT_IMAGES do), with no time lost waiting on S3 or
 * DynamoDB; plus one request charge per batch of `batchSize` images.
 *
 * @example
 * lambdaCostPerMillion({ cpuMsPerImage: 400, memoryMb: 2048, batchSize: 2 }).totalUsdPerMillion; // ≈ 9.31
 */
export function lambdaCostPerMillion(
  input: CostInput,
  price: LambdaPrice = LAMBDA_ARM64_PRICE,
): CostEstimate {
  if (input.cpuMsPerImage < 0 || input.memoryMb <= 0 || input.batchSize < 1) {
    throw new RangeError(`no cost for ${JSON.stringify(input)}`);
  }
  const vcpus = input.memoryMb / MB_PER_VCPU;
  const billedMsPerImage = input.cpuMsPerImage / vcpus;
  const gbSeconds = (billedMsPerImage / 1000) * (input.memoryMb / 1024);
  const computeUsdPerMillion = gbSeconds * price.usdPerGbSecond * 1_000_000;
  const requestUsdPerMillion = price.usdPerMillionRequests / input.batchSize;
  return {
    billedMsPerImage,
    computeUsdPerMillion,
    requestUsdPerMillion,
    totalUsdPerMillion: computeUsdPerMillion + requestUsdPerMillion,
  };
}
