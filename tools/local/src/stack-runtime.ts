import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import {
  createDynamoDbDocumentClient,
  createS3Client,
  createSnsClient,
  createSqsClient,
} from '@imgpipe/aws';
import { awsConfigFromStack, localStatsFile } from '@imgpipe/aws';
import { SERVICE_NAMES, serviceNamed } from '@imgpipe/registry';
import type { AwsClientConfig, StackDescription } from '@imgpipe/aws';
import type { LocalOptions, ServiceName } from './cli-options';
import { formatOutcome } from './outcome';
import type { ImageOutcome } from './outcome';
import { createBridge } from './s3-bridge';
import type { Bridge } from './s3-bridge';
import { SequencerStore } from './sequencer-store';
import { startDynamoDb, startS3, startSnsSqs } from './emulators';
import type { dataPaths } from './emulators';
import { PrincipalDirectory, startIamGateway } from './iam/enforcement';
import { adminPrincipal, localPrincipals } from './iam/local-principals';
import { startMetricsCollector } from './metrics/metrics-collector';
import type { MetricsCollector } from './metrics/metrics-collector';
import { ensureResources } from './resources';
import { checkEventSourceMapping, queueTiming } from './queue-timing';
import { startServiceFunctions, sqsInvoker } from './functions/service-functions';
import { ServiceRunner } from './service-runner';

export const REGION = 'us-east-1';
/** s3rver accepts only this key pair unless more are registered. */
export const CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

/** Where the stack writes what it has to say. */
export interface Terminal {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** A started stack: its description, clients, runners and how to stop it all. */
export interface Runtime {
  readonly stack: StackDescription;
  readonly clients: {
    readonly s3: ReturnType<typeof createS3Client>;
    readonly sns: ReturnType<typeof createSnsClient>;
    readonly sqs: ReturnType<typeof createSqsClient>;
    readonly db: ReturnType<typeof createDynamoDbDocumentClient>;
  };
  readonly sequencers: SequencerStore;
  readonly bridge: Bridge;
  /** The services whose handler loaded and whose runner is polling. */
  readonly running: ReadonlyMap<ServiceName, ServiceRunner>;
  /** Services asked for whose handler failed to load. */
  readonly failedToLoad: readonly ServiceName[];
  readonly outcomes: readonly ImageOutcome[];
  /** The collector of the functions' metrics and memory (metrics.json). */
  readonly metrics: MetricsCollector;
  /** Stops polling, lets batches in hand and pending notifications finish, closes servers. */
  readonly stop: () => Promise<void>;
}

/** Runs the stops last-started first; one that fails must not keep the others from running. */
async function stopAll(stops: ReadonlyArray<() => Promise<void>>): Promise<void> {
  for (const stop of [...stops].reverse()) await stop().catch(() => undefined);
}

/**
 * Starts the emulators, creates the resources, wires the S3 → SNS bridge, loads the
 * services' handlers and starts a runner per service. On a failure everything already
 * started is stopped before the error is rethrown.
 *
 * @example
 * const runtime = await startRuntime(options, ['metadata'], dataPaths(options.dataDir), repoRoot, terminal);
 */
export async function startRuntime(
  options: LocalOptions,
  services: readonly ServiceName[],
  paths: ReturnType<typeof dataPaths>,
  repoRoot: string,
  terminal: Terminal,
): Promise<Runtime> {
  const stops: Array<() => Promise<void>> = [];
  try {
    // The emulators listen on loopback ports of their own; the ports the user chose serve
    // IAM-enforcing gateways in front of them, so every endpoint handed out is enforced.
    const s3 = await startS3(paths.s3, 0);
    stops.push(s3.stop);
    const sqs = await startSnsSqs(0, REGION);
    stops.push(sqs.stop);
    const dynamodb = await startDynamoDb(paths.dynamodb, 0);
    stops.push(dynamodb.stop);
    const directory = new PrincipalDirectory();
    directory.add([adminPrincipal(CREDENTIALS)]);
    const gatewayLog = { denied: terminal.err, error: terminal.err };
    const gateways = {
      s3: await startIamGateway('s3', 's3', options.ports.s3, s3.endpoint, directory, gatewayLog),
      sqs: await startIamGateway(
        'sns-sqs',
        'sqs',
        options.ports.sqs,
        sqs.endpoint,
        directory,
        gatewayLog,
      ),
      dynamodb: await startIamGateway(
        'dynamodb',
        'dynamodb',
        options.ports.dynamodb,
        dynamodb.endpoint,
        directory,
        gatewayLog,
      ),
    };
    for (const gateway of Object.values(gateways)) stops.push(gateway.stop);
    const endpoints = {
      s3: gateways.s3.endpoint,
      sns: gateways.sqs.endpoint,
      sqs: gateways.sqs.endpoint,
      dynamodb: gateways.dynamodb.endpoint,
    };

    const config: AwsClientConfig = { region: REGION, endpoints, credentials: { ...CREDENTIALS } };
    const clients = {
      s3: createS3Client(config),
      sns: createSnsClient(config),
      sqs: createSqsClient(config),
      db: createDynamoDbDocumentClient(config),
    };
    const timing = (service: ServiceName) => queueTiming(service, options);
    const resources = await ensureResources(
      {
        ...clients,
        dynamodb: new DynamoDBClient({
          region: REGION,
          endpoint: endpoints.dynamodb,
          credentials: { ...CREDENTIALS },
        }),
      },
      {
        maxReceiveCount: options.maxReceiveCount,
        visibilityTimeoutSeconds: Object.fromEntries(
          SERVICE_NAMES.map((service) => [service, timing(service).visibilityTimeoutSeconds]),
        ) as Record<ServiceName, number>,
      },
    );
    // Lambda checks the queue as it is when the mapping is created, so the queue is asked.
    for (const service of services) {
      const { Attributes } = await clients.sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: resources.queues[service].url,
          AttributeNames: ['VisibilityTimeout'],
        }),
      );
      checkEventSourceMapping(service, {
        functionTimeoutSeconds: timing(service).functionTimeoutSeconds,
        visibilityTimeoutSeconds: Number(Attributes?.VisibilityTimeout),
      });
    }
    const principals = localPrincipals({ region: REGION, ...resources }, options.revoke);
    directory.add(principals);
    const stack: StackDescription = {
      region: REGION,
      // Not a spread: the SDK marks the credentials object it was given with a `$source` field.
      credentials: {
        accessKeyId: CREDENTIALS.accessKeyId,
        secretAccessKey: CREDENTIALS.secretAccessKey,
      },
      principals: Object.fromEntries(
        principals.map((principal) => [
          principal.name,
          { accessKeyId: principal.accessKeyId, secretAccessKey: principal.secretAccessKey },
        ]),
      ),
      endpoints,
      ...resources,
      dataDir: options.dataDir,
      pid: process.pid,
      startedAt: new Date().toISOString(),
    };
    const as = (principal: string) => awsConfigFromStack(stack, principal);

    const sequencers = SequencerStore.open(paths.sequencers);
    const bridge = createBridge({
      s3: createS3Client(as('notifier')),
      sns: createSnsClient(as('notifier')),
      topicArn: stack.topicArn,
      sourceBucket: stack.buckets.source,
      region: REGION,
      sequencers,
      onPublished: (facts) => {
        if (options.verbose)
          terminal.out(
            `${'s3'.padEnd(10)} ${(facts.eventName?.startsWith('ObjectRemoved:') ? 'deleted' : 'uploaded').padEnd(12)} ${facts.key}  (sequencer ${facts.sequencer})`,
          );
      },
      onError: (key, error) =>
        terminal.err(`bridge: could not publish the notification for ${key}: ${String(error)}`),
    });
    s3.s3rver.on('event', bridge.handle);
    stops.push(() => bridge.idle());

    const metrics = startMetricsCollector({
      services: services.map((service) => serviceNamed(service).project),
      file: localStatsFile(options.dataDir),
    });
    stops.push(async () => metrics.stop());

    const outcomes: ImageOutcome[] = [];
    const running = new Map<ServiceName, ServiceRunner>();
    const failedToLoad: ServiceName[] = [];
    const functions = await startServiceFunctions(services, {
      stack,
      repoRoot,
      verbose: options.verbose,
      metrics,
      warn: terminal.err,
    });
    // Stopped after the runners (stops run in reverse): the batches in hand finish first.
    stops.push(async () => {
      await Promise.all([...functions.started.values()].map((fn) => fn.stop()));
    });
    for (const [service, error] of functions.failed) {
      failedToLoad.push(service);
      terminal.err(`${service}: its handler did not load, so it is not running: ${error}`);
    }
    for (const [service, fn] of functions.started) {
      const { project, batchSize } = serviceNamed(service);
      const runner = new ServiceRunner({
        service,
        handler: metrics.observed(project, sqsInvoker(fn, REGION)),
        // Lambda's event source mapping polls and deletes with the function's own role.
        sqs: createSqsClient(as(`${service}-service`)),
        db: clients.db,
        queue: stack.queues[service],
        table: stack.table,
        region: REGION,
        // As infra deploys the event source mapping, unless --batch-size says otherwise.
        batchSize: options.batchSize ?? batchSize,
        // Short polls under --once, so an empty queue is noticed quickly.
        waitTimeSeconds: options.once ? 1 : 10,
        maxReceiveCount: options.maxReceiveCount,
        // The function's timeout as infra deploys it, or --function-timeout's: an invocation
        // past it is ended.
        timeoutMs: timing(service).functionTimeoutSeconds * 1000,
        report: (outcome) => {
          outcomes.push(outcome);
          terminal.out(formatOutcome(outcome));
        },
        warn: terminal.err,
      });
      running.set(service, runner);
      runner.start();
    }
    // Stopped first (stops run in reverse): no new batch starts while servers close.
    stops.push(async () => {
      await Promise.all([...running.values()].map((runner) => runner.stop()));
    });

    return {
      stack,
      clients,
      sequencers,
      bridge,
      running,
      failedToLoad,
      outcomes,
      metrics,
      stop: () => stopAll(stops),
    };
  } catch (error) {
    await stopAll(stops);
    throw error;
  }
}
