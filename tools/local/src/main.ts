import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PortInUseError, dataPaths } from './emulators';
import { UsageError, parseCliArgs, usage } from './cli-options';
import type { LocalOptions } from './cli-options';
import { queueDepth, waitUntilDrained } from './drain';
import { EventSourceMappingError } from './queue-timing';
import { localFaults } from './faults/fault-controller';
import { startFaultControl } from './faults/fault-control-server';
import { startUploadApi } from './http/upload-api-local';
import { uploadPage } from './http/upload-page';
import { formatSummary, summarize } from './outcome';
import { reconcile, stagesOf } from './reconcile';
import { uploadSamples } from './samples';
import { servicesInRepo } from './service-handlers';
import { formatBanner, removeStackFile, runningStackPid, writeStackFile } from './stack-file';
import { startRuntime } from './stack-runtime';
import type { Runtime, Terminal } from './stack-runtime';

const REPO_ROOT = resolve(__dirname, '../../..');

const terminal: Terminal = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Resolves on the first SIGINT or SIGTERM; another one a second later exits at once. The
 * grace second matters: Ctrl-C reaches this process both from the terminal and forwarded
 * by the launcher.
 */
function firstSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolveSignal) => {
    let first: number | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (first === undefined) {
        first = Date.now();
        resolveSignal(signal);
      } else if (Date.now() - first > 1000) {
        process.exit(signal === 'SIGINT' ? 130 : 143);
      }
    };
    process.on('SIGINT', onSignal).on('SIGTERM', onSignal);
  });
}

async function printSummary(runtime: Runtime): Promise<void> {
  const services = [...runtime.running.keys()];
  const depths = await Promise.all(
    services.map(
      async (service) =>
        [
          service,
          await queueDepth(runtime.clients.sqs, runtime.stack.queues[service].dlqUrl),
        ] as const,
    ),
  );
  terminal.out('');
  terminal.out(formatSummary(summarize(services, runtime.outcomes, Object.fromEntries(depths))));
}

async function run(argv: readonly string[]): Promise<number> {
  const request = parseCliArgs(argv, process.env, { repoRoot: REPO_ROOT, cwd: process.cwd() });
  if (request.kind === 'help') {
    terminal.out(usage());
    return 0;
  }
  const { options } = request;
  const services = servicesInRepo(REPO_ROOT, options.services);
  const paths = dataPaths(options.dataDir);
  const otherPid = runningStackPid(paths.stackFile);
  if (otherPid !== undefined) {
    terminal.err(
      `a local stack (pid ${otherPid}) is already running on ${options.dataDir}: stop it, or use another --data-dir`,
    );
    return 1;
  }
  const firstRun = !existsSync(paths.sequencers);
  mkdirSync(paths.s3, { recursive: true });
  mkdirSync(paths.dynamodb, { recursive: true });

  const stopped = firstSignal();
  const runtime = await startRuntime(options, services, paths, REPO_ROOT, terminal);
  const servers = await startServers(runtime, options).catch(async (error: unknown) => {
    // A taken --api-port must not leave the emulators' stores open.
    await runtime.stop();
    throw error;
  });
  const { faultControl, uploadApi } = servers;
  const stack = { ...runtime.stack, uploadApi: uploadApi.url };
  try {
    const running = [...runtime.running.keys()];
    // The banner first: the runners are already polling, and their lines follow it.
    if (!options.once) terminal.out(formatBanner(stack, running, paths.stackFile));
    await catchUp(runtime, firstRun && options.samples);
    writeStackFile(paths.stackFile, { ...stack, faults: faultControl.address });
    if (options.once) {
      terminal.out(
        `processing until every queue is empty (services: ${running.join(', ') || 'none'})…`,
      );
      const signal = await Promise.race([drain(runtime).then(() => undefined), stopped]);
      if (signal === undefined) await printSummary(runtime);
      return runtime.failedToLoad.length > 0 ? 1 : 0;
    }
    await stopped;
    terminal.out('stopping: finishing the batches in hand…');
    return 0;
  } finally {
    await uploadApi.stop();
    await faultControl.stop();
    await runtime.stop();
    removeStackFile(paths.stackFile);
  }
}

/** The loopback servers beside the emulators: the fault control and the upload API. */
async function startServers(runtime: Runtime, options: LocalOptions) {
  // Off until a test or an operator switches a fault on through it (README: fault injection).
  const faultControl = await startFaultControl(localFaults, terminal.out);
  try {
    const uploadApi = await startUploadApi(
      runtime.stack,
      {
        port: options.ports.api,
        verbose: options.verbose,
        repoRoot: REPO_ROOT,
        otherwise: uploadPage(),
        metrics: runtime.metrics,
      },
      terminal.err,
    );
    return { faultControl, uploadApi };
  } catch (error) {
    await faultControl.stop();
    throw error;
  }
}

/**
 * Publishes again what the last run left unfinished and, on a first run with an empty
 * source bucket, uploads the sample images.
 */
async function catchUp(runtime: Runtime, samples: boolean): Promise<void> {
  const { stack, clients } = runtime;
  const { objects, republished } = await reconcile(
    {
      ...clients,
      sourceBucket: stack.buckets.source,
      table: stack.table,
      topicArn: stack.topicArn,
      region: stack.region,
      sequencers: runtime.sequencers,
    },
    stagesOf([...runtime.running.keys()]),
  );
  if (republished.length > 0) {
    terminal.out(`reconcile: ${republished.length} unfinished upload(s) published again`);
  }
  if (samples && objects.length === 0) {
    const folder = join(REPO_ROOT, 'tools/samples/images');
    const uploaded = await uploadSamples(clients.s3, stack.buckets.source, folder);
    if (uploaded.length > 0) {
      terminal.out(
        `first run: uploaded ${uploaded.length} sample image(s) to ${stack.buckets.source}/samples/`,
      );
    }
  }
}

/** Resolves once the running services' queues are empty and nothing is in flight. */
function drain(runtime: Runtime): Promise<void> {
  const runners = [...runtime.running.values()];
  return waitUntilDrained(
    () => ({
      bridgeBusy: runtime.bridge.busy(),
      runners: runners.map((runner) => ({ busy: runner.busy, emptyPolls: runner.emptyPolls })),
    }),
    runtime.clients.sqs,
    [...runtime.running.keys()].map((service) => runtime.stack.queues[service].url),
  );
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (
      error instanceof UsageError ||
      error instanceof PortInUseError ||
      error instanceof EventSourceMappingError
    ) {
      terminal.err(error.message);
    } else {
      terminal.err(
        `imgpipe-local failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
    process.exit(1);
  },
);
