import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  awsConfigFromStack,
  localStatsFile,
  readLocalStats,
  createDynamoDbDocumentClient,
  createS3Client,
  createSqsClient,
} from '@imgpipe/aws';
import type { ServiceStats, StackDescription, StatsSnapshot } from '@imgpipe/aws';
import { waitFor } from '@imgpipe/testing';
import { startLocalStack } from '@imgpipe/local-harness';
import { processMemory, processTreeCpuSeconds } from '@imgpipe/process-stats';
import type { LocalStack } from '@imgpipe/testing';
import { faultControlOf } from './fault-client';
import type { FaultControlAddress } from './fault-client';
import type { UploadTarget } from './uploader';

/** How the suite starts its stack, the first time and after a kill. */
export interface StackSettings {
  readonly dataDir: string;
  readonly services: readonly string[];
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  /** S3 clients the uploads spread over. */
  readonly uploadClients: number;
}

/** What the stacks of the run said of one function's memory (each process's VmHWM). */
export type FunctionMemory = NonNullable<ServiceStats['memory']>;

interface Running {
  readonly local: LocalStack;
  readonly s3: S3Client;
  readonly db: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  readonly uploads: UploadTarget;
  readonly control: FaultControlAddress;
}

/**
 * The local stack the suite runs against, which a phase may kill and start again on the same
 * data folder: whoever asks for clients gets the running stack's, and an upload asking while
 * it is down is told so (it tries again).
 *
 * @example
 * const stack = new ReliabilityStack(settings);
 * await stack.start();
 * await stack.killAndRestart();
 */
export class ReliabilityStack {
  private running: Running | undefined;
  private peakMb = 0;
  /** Per function, the highest peak any stack reported, and the restarts of all of them. */
  private readonly functions = new Map<string, FunctionMemory>();
  /** Restarts counted by the stacks already gone. */
  private readonly pastRestarts = new Map<string, number>();
  /** CPU seconds of the stacks already gone. */
  private pastCpu = 0;
  private readonly outputs: string[] = [];

  constructor(private readonly settings: StackSettings) {}

  async start(): Promise<LocalStack> {
    const local = await startLocalStack({
      dataDir: this.settings.dataDir,
      services: this.settings.services,
      args: this.settings.args,
      env: this.settings.env,
      startTimeoutMs: 120_000,
    });
    const config = awsConfigFromStack(local.stack);
    this.running = {
      local,
      s3: createS3Client(config),
      db: createDynamoDbDocumentClient(config),
      sqs: createSqsClient(config),
      uploads: {
        bucket: local.stack.buckets.source,
        clients: Array.from({ length: this.settings.uploadClients }, () => createS3Client(config)),
      },
      control: faultControlOf(this.settings.dataDir),
    };
    return local;
  }

  private get now(): Running {
    if (this.running === undefined) throw new Error('the stack is down');
    return this.running;
  }

  get stack(): StackDescription {
    return this.now.local.stack;
  }

  get local(): LocalStack {
    return this.now.local;
  }

  get clients(): Pick<Running, 's3' | 'db' | 'sqs'> {
    return this.now;
  }

  get control(): FaultControlAddress {
    return this.now.control;
  }

  /** Where uploads go now; throws while the stack is down. */
  uploadTarget(): UploadTarget {
    return this.now.uploads;
  }

  /** Highest peak resident memory of the stack process (emulators, runners) so far, in MB. */
  peakMemoryMb(): number {
    const pid = this.running?.local.stack.pid;
    this.peakMb = Math.max(this.peakMb, (pid && processMemory(pid)?.peakMb) || 0);
    return this.peakMb;
  }

  /**
   * Per function (project name), the highest resident memory any of its processes reached
   * in any stack of the run, its memory setting, and how many times one was started again.
   */
  functionMemory(): ReadonlyMap<string, FunctionMemory> {
    if (this.running === undefined) return this.functions;
    let snapshot: StatsSnapshot;
    try {
      snapshot = readLocalStats(localStatsFile(this.settings.dataDir));
    } catch {
      return this.functions; // Not written yet by a stack just started.
    }
    // A stack just started after a kill may not have replaced the killed one's file yet.
    if (Date.parse(snapshot.since) < Date.parse(this.running.local.stack.startedAt))
      return this.functions;
    const { services } = snapshot;
    for (const [name, stats] of Object.entries(services)) {
      if (stats.memory === undefined) continue;
      const seen = this.functions.get(name);
      this.functions.set(name, {
        peakMb: Math.max(seen?.peakMb ?? 0, stats.memory.peakMb),
        limitMb: stats.memory.limitMb,
        restarts: (this.pastRestarts.get(name) ?? 0) + stats.memory.restarts,
      });
    }
    return this.functions;
  }

  /** CPU seconds every stack process of the run, and every function process, has used so far. */
  cpuSeconds(): number {
    const pid = this.running?.local.stack.pid;
    return this.pastCpu + ((pid && processTreeCpuSeconds(pid)) || 0);
  }

  /** Takes the last readings of a stack about to go. */
  private retire(): void {
    this.peakMemoryMb();
    this.pastCpu = this.cpuSeconds();
    for (const [name, memory] of this.functionMemory())
      this.pastRestarts.set(name, memory.restarts);
  }

  /** Everything every stack of the run printed. */
  output(): string {
    return [...this.outputs, this.running?.local.output() ?? ''].join('\n');
  }

  /**
   * SIGKILLs the stack process (no cleanup, batches in hand lost) and starts a new one on
   * the same data folder. Resolves with the new stack once it is up.
   */
  async killAndRestart(): Promise<LocalStack> {
    const old = this.now;
    this.retire();
    this.running = undefined;
    process.kill(old.local.stack.pid, 'SIGKILL');
    await waitFor(
      () => {
        try {
          process.kill(old.local.stack.pid, 0);
          return false;
        } catch {
          return true;
        }
      },
      { timeoutMs: 10_000, what: `the end of the killed stack (pid ${old.local.stack.pid})` },
    );
    await old.local.stop();
    this.outputs.push(old.local.output());
    return this.start();
  }

  async stop(): Promise<void> {
    if (this.running === undefined) return;
    this.retire();
    const { local } = this.running;
    this.running = undefined;
    await local.stop();
    this.outputs.push(local.output());
  }
}
