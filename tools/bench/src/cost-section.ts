import { serviceNamed } from '@imgpipe/registry';
import type { ReportSection } from './bench-report';
import type { HandlerFigures } from './handler-overhead';
import { LAMBDA_ARM64_PRICE, lambdaCostPerMillion, MB_PER_VCPU } from './lambda-cost';
import { median } from './stats';

/**
 * USD per million images per service on Lambda arm64 at its registry memory and batch
 * size, from the handler's measured CPU time per image, with the assumptions printed.
 *
 * @example
 * const section = costSection(handlerResults.figures, '12 MP');
 */
export function costSection(figures: readonly HandlerFigures[], photoName: string): ReportSection {
  const rows = [
    [
      'service',
      'memory',
      'batch',
      'CPU ms / image',
      'billed ms / image',
      'compute $',
      'requests $',
      'total $ / million',
    ],
  ];
  const data: Record<string, unknown>[] = [];
  for (const figure of figures) {
    const service = serviceNamed(figure.service);
    const cpuMsPerImage = median(figure.handlerCpuMs);
    const cost = lambdaCostPerMillion({
      cpuMsPerImage,
      memoryMb: service.memorySize,
      batchSize: service.batchSize,
    });
    rows.push([
      figure.service,
      `${service.memorySize} MB`,
      String(service.batchSize),
      cpuMsPerImage.toFixed(0),
      cost.billedMsPerImage.toFixed(0),
      cost.computeUsdPerMillion.toFixed(2),
      cost.requestUsdPerMillion.toFixed(2),
      cost.totalUsdPerMillion.toFixed(2),
    ]);
    data.push({
      service: figure.service,
      memoryMb: service.memorySize,
      batchSize: service.batchSize,
      cpuMsPerImage,
      ...cost,
    });
  }
  return {
    part: 'cost',
    title: `Cost: USD per million ${photoName} images per service on Lambda arm64, from the handler's CPU time`,
    rows,
    notes: [
      `Price: ${LAMBDA_ARM64_PRICE.source}.`,
      `Billed time = CPU time per image (the handler part's median, this machine's x86 cores) ÷ the function's vCPU share (memory / ${MB_PER_VCPU} MB): the function keeps its share busy and never waits on S3 or DynamoDB; Graviton's speed relative to this CPU is not modelled.`,
      "Requests: one per batch of the registry's batch size. Not included: S3 requests and storage, DynamoDB writes, SQS, SNS, data transfer, CloudWatch logs and metrics, X-Ray, free tier.",
    ],
    data,
  };
}
