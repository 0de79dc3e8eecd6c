import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { StackDescription } from '@imgpipe/aws';
import {
  awsConfigFromStack,
  createDynamoDbDocumentClient,
  createS3Client,
  handlerEnvFromStack,
} from '@imgpipe/aws';
import { buildSqsBodyForObject } from '@imgpipe/event-schemas';
import { METRICS_NAMESPACE, serviceNamed } from '@imgpipe/registry';
import { lambdaContextFactory, sqsRecordFactory } from '@imgpipe/testing';
import { startLocalStack } from '@imgpipe/local-harness';
import type { ReportSection } from './bench-report';
import type { Contender, TimingPlan } from './interleaved-timing';
import { timeInterleaved } from './interleaved-timing';
import { startIoMeter } from './io-meter';
import { runMeasuringChild } from './peak-rss';
import type { ServiceJobName } from './service-jobs';
import { loadServiceHandler, loadServiceJob, SERVICE_JOB_NAMES } from './service-jobs';
import { formatRatio, median, pairedRatio } from './stats';

/** The target: the handler costs at most 1.15× the pure job per image. */
export const HANDLER_TARGET = 1.15;

/** What the handler child is asked to time. */
export interface HandlerPlan extends TimingPlan {
  readonly service: ServiceJobName;
  /** The photo every run processes. */
  readonly file: string;
  readonly stack: StackDescription;
}

/** What the child reports, per image. */
export interface HandlerFigures {
  readonly service: ServiceJobName;
  readonly handlerWallMs: readonly number[];
  readonly handlerCpuMs: readonly number[];
  readonly jobWallMs: readonly number[];
  readonly jobCpuMs: readonly number[];
  /** Per handler run, the time an S3 or DynamoDB call (an HTTP request) was open. */
  readonly ioWallMs: readonly number[];
  readonly ioCpuMs: readonly number[];
}

/** Handler figures of every service, with the table. */
export interface HandlerResults {
  readonly section: ReportSection;
  readonly figures: readonly HandlerFigures[];
}

/**
 * Per service, its Lambda handler on one SQS record (an SNS envelope of an S3 event, as
 * the queue delivers it) against its pure job on the same photo's bytes, interleaved, in
 * a child process of its own with the service's environment. The handler does all a
 * function does: parses the three layers, runs Powertools' batch processor, logs and
 * publishes metrics, GETs the photo from the local stack's S3, runs the job, PUTs
 * the outputs and writes the record to its DynamoDB (the service's own key pair, held to
 * its IAM policy). Each run gets a fresh key, uploaded before the run and not timed.
 *
 * @example
 * const { section } = await handlerOverhead(jpeg, { warmup: 2, iterations: 7 });
 */
export async function handlerOverhead(
  photo: Buffer,
  photoName: string,
  plan: TimingPlan,
): Promise<HandlerResults> {
  const folder = await mkdtemp(join(tmpdir(), 'imgpipe-bench-handler-'));
  const local = await startLocalStack({ services: [] });
  try {
    const file = join(folder, 'photo.jpg');
    await writeFile(file, photo);
    const figures: HandlerFigures[] = [];
    for (const service of SERVICE_JOB_NAMES) {
      const childPlan: HandlerPlan = { ...plan, service, file, stack: local.stack };
      figures.push(
        await runMeasuringChild<HandlerFigures>(['--handler-child', JSON.stringify(childPlan)], {
          ...handlerEnvFromStack(local.stack, service),
          POWERTOOLS_SERVICE_NAME: `${service}-service`,
          POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
          // As on Lambda: INFO lines and EMF metrics on stdout; no X-Ray daemon here.
          POWERTOOLS_LOG_LEVEL: 'INFO',
          POWERTOOLS_TRACE_ENABLED: 'false',
        }),
      );
    }
    return { section: handlerSection(figures, photoName, plan), figures };
  } finally {
    await local.stop();
    await rm(folder, { recursive: true, force: true });
  }
}

function handlerSection(
  figures: readonly HandlerFigures[],
  photoName: string,
  plan: TimingPlan,
): ReportSection {
  const rows = [
    [
      'service',
      'handler ms',
      'of it S3 + DynamoDB',
      'job ms',
      'wall ratio',
      'without S3 + DynamoDB',
      `≤ ${formatRatio(HANDLER_TARGET)}`,
      'handler CPU ms',
      'of it S3 + DynamoDB',
      'job CPU ms',
      'CPU ratio',
      'without S3 + DynamoDB',
    ],
  ];
  for (const figure of figures) {
    const ownWall = pairedRatio(minus(figure.handlerWallMs, figure.ioWallMs), figure.jobWallMs);
    rows.push([
      figure.service,
      median(figure.handlerWallMs).toFixed(0),
      median(figure.ioWallMs).toFixed(0),
      median(figure.jobWallMs).toFixed(0),
      formatRatio(pairedRatio(figure.handlerWallMs, figure.jobWallMs)),
      formatRatio(ownWall),
      ownWall <= HANDLER_TARGET ? 'yes' : 'NO',
      median(figure.handlerCpuMs).toFixed(0),
      median(figure.ioCpuMs).toFixed(0),
      median(figure.jobCpuMs).toFixed(0),
      formatRatio(pairedRatio(figure.handlerCpuMs, figure.jobCpuMs)),
      formatRatio(pairedRatio(minus(figure.handlerCpuMs, figure.ioCpuMs), figure.jobCpuMs)),
    ]);
  }
  return {
    part: 'handler',
    title: `Handler overhead: each service's Lambda handler vs its pure job, one ${photoName} photo per invocation (${plan.iterations} runs after ${plan.warmup} warm-up, interleaved)`,
    rows,
    notes: [
      "handler = SQS record → SNS envelope → S3 event parsing, Powertools batch processor, logger (INFO) and EMF metrics, one GET from the local S3 (s3rver), the job, PUT of the outputs, conditional UpdateItem in the local DynamoDB (dynalite), through the local IAM gateway with the service's own key pair.",
      "job = the service's pure job on the same bytes in memory, the same work the handler's job does (metadata's header read, EXIF, sha256, 100-px preview, dominant colour and ThumbHash are all in extractImageFacts, so on both sides). Ratios are medians of per-round ratios; every handler run was checked to have recorded its stage done.",
      'Local emulators answer over loopback from another process on the same 2 cores: their CPU is not in the CPU ratio, their latency is in the wall ratio.',
      "of it S3 + DynamoDB = the time an HTTP request of the handler was open (request start to the end of its response body, node's http.client diagnostics channels): waiting on the emulators, and this process's CPU meanwhile (socket reads, the SDK parsing the responses). On Lambda these calls go to S3 and DynamoDB over TLS instead, at their own latency, so the wall ratio with them is the local stack's; without them (handler − that time, per run) is what imgpipe's handler adds to its job: parsing, batching, Powertools, building and signing the requests. The target is checked on that.",
    ],
    data: figures,
  };
}

/**
 * The child's side of {@link handlerOverhead}: loads the service's handler (its
 * environment is already this process's) and its job, and times both.
 *
 * @throws Error when a handler run reports a failed record or leaves its stage not done.
 * @example
 * printMeasurement(await reportHandlerOverhead(plan));
 */
export async function reportHandlerOverhead(plan: HandlerPlan): Promise<HandlerFigures> {
  const handler = await loadServiceHandler(plan.service);
  const job = await loadServiceJob(plan.service);
  const bytes = await readFile(plan.file);
  const admin = awsConfigFromStack(plan.stack);
  const s3 = createS3Client(admin);
  const bucket = plan.stack.buckets.source;
  let runs = 0;
  let key = '';
  const io: { wallMs: number; cpuMs: number }[] = [];
  const meter = startIoMeter();
  const contenders: Contender[] = [
    {
      name: 'handler',
      prepare: async () => {
        runs += 1;
        key = `bench/${plan.service}/${runs}.jpg`;
        await s3.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key: key,
            Body: bytes,
            ContentType: 'image/jpeg',
          }),
        );
      },
      run: async () => {
        const body = buildSqsBodyForObject({ bucket, key, sequencer: '0A', size: bytes.length });
        meter.take();
        const response = await handler(
          { Records: [sqsRecordFactory(body)] },
          lambdaContextFactory(`${plan.service}-service`),
        );
        io.push(meter.take());
        if (response.batchItemFailures.length > 0) throw new Error(`${key} failed in the handler`);
      },
    },
    { name: 'job', run: () => job(bytes) },
  ];
  const samples = await timeInterleaved(contenders, plan);
  meter.stop();
  await expectStageDone(plan, key);
  // The handler runs once per round, so its first `warmup` figures are the warm-up's.
  const kept = io.slice(plan.warmup);
  const of = (name: string, field: 'wallMs' | 'cpuMs') =>
    (samples.get(name) ?? []).map((sample) => sample[field]);
  return {
    service: plan.service,
    handlerWallMs: of('handler', 'wallMs'),
    handlerCpuMs: of('handler', 'cpuMs'),
    jobWallMs: of('job', 'wallMs'),
    jobCpuMs: of('job', 'cpuMs'),
    ioWallMs: kept.map((time) => time.wallMs),
    ioCpuMs: kept.map((time) => time.cpuMs),
  };
}

function minus(a: readonly number[], b: readonly number[]): number[] {
  return a.map((value, index) => value - (b[index] ?? 0));
}

// A rejected image is acknowledged too, so a batch without failures does not prove the
// handler did the work; the record does.
async function expectStageDone(plan: HandlerPlan, key: string): Promise<void> {
  const stage = serviceNamed(plan.service).stage;
  const db = createDynamoDbDocumentClient(awsConfigFromStack(plan.stack));
  const { Item } = await db.send(
    new GetCommand({ TableName: plan.stack.table, Key: { imageId: key } }),
  );
  const status = (Item?.[stage] as { status?: unknown } | undefined)?.status;
  if (status !== 'done') {
    throw new Error(
      `${key}: the ${stage} stage is ${String(status)}, not done: ${JSON.stringify(Item)}`,
    );
  }
}
