import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { localStatsFile, readLocalStats } from '@imgpipe/aws';
import { createConcurrencyLimit, queueCounts } from '@imgpipe/dlq';
import { MAX_RECEIVE_COUNT, SERVICE_NAMES, STAGES } from '@imgpipe/registry';
import { waitFor } from '@imgpipe/testing';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { badInputs, isReadableReason, sha256Hex } from './bad-inputs';
import { corpusFile } from './corpus-images';
import { planLoad } from './corpus-plan';
import type { ImageSpec } from './corpus-plan';
import { faultReport, switchFaultOff, switchFaultOn } from './fault-client';
import type { FaultReport } from './fault-client';
import { dlqDepths, fullCount, scanRecords } from './full-count';
import type { DecodedCache, FullCount } from './full-count';
import { ReliabilityStack } from './reliability-stack';
import { formatRunSummary } from './run-summary';
import type { BadInputResult, PhaseResult } from './run-summary';
import { uploadAll } from './uploader';

// `npm run test:reliability`: nothing uploaded is ever lost, under load and under each fault
// in turn (issue 10). RELIABILITY_IMAGES sets the number of images (120 by default, for CI;
// 1000 for the full run): 40 % a plain load, 15 % under each of four faults.

const REPO_ROOT = resolve(__dirname, '../../..');
const IMAGES = Number(process.env['RELIABILITY_IMAGES'] ?? 120);
const SEED = process.env['RELIABILITY_SEED'] ?? 'imgpipe-reliability-1';
const PER_FAULT = Math.max(8, Math.round(IMAGES * 0.15));
const CORPUS_CACHE = join(tmpdir(), 'imgpipe-reliability-corpus');
/**
 * Seconds before a failed message is received again: the deployed 540 s would make every
 * retry phase take many minutes. Lambda refuses a queue that hides a message for less than
 * its function may run (the local stack as well), so the functions' timeouts are lowered
 * below it, leaving room for a cold start, which the visibility timeout counts and the
 * function's does not. 20 s is stricter than the deployed 90/60/30 s; a 12 MP batch takes a
 * few seconds.
 */
const VISIBILITY_SECONDS = 30;
const FUNCTION_TIMEOUT_SECONDS = 20;
/** Long enough for a busy 2-core machine; a deadline only matters when it fails. */
const settleMs = (images: number) => 120_000 + images * 3_000;
/**
 * Each phase's own deadline: its uploads, waiting for everything uploaded so far to settle,
 * then the full count of it all, so it grows with the run. A 1,000-image run on a busy
 * 2-core machine (load 15–20) needed more than a fixed 30 minutes for its 400-image load.
 */
jest.setTimeout(Math.max(30 * 60_000, 2 * settleMs(IMAGES)));
const SERVICE_PRINCIPALS = SERVICE_NAMES.map((service) => `${service}-service`);

const plan = {
  load: planLoad('load', IMAGES - 4 * PER_FAULT, SEED),
  s3: planLoad('faults/s3-writes', PER_FAULT, SEED),
  dynamodb: planLoad('faults/dynamodb-throttling', PER_FAULT, SEED),
  kill: planLoad('faults/sigkill', PER_FAULT, SEED),
  handler: planLoad('faults/handler-bug', PER_FAULT, SEED),
};

describe('the pipeline under load and faults', () => {
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'imgpipe-reliability-'));
  const stack = new ReliabilityStack({
    dataDir,
    services: SERVICE_NAMES,
    args: [
      '--visibility-timeout',
      String(VISIBILITY_SECONDS),
      '--function-timeout',
      String(FUNCTION_TIMEOUT_SECONDS),
    ],
    env: {},
    uploadClients: 3,
  });
  const files = new Map<string, string>();
  const uploadedAt = new Map<string, number>();
  const uploaded: ImageSpec[] = [];
  const decoded: DecodedCache = new Map();
  const results: PhaseResult[] = [];
  const badResults: BadInputResult[] = [];

  beforeAll(async () => {
    await stack.start();
  });

  afterAll(async () => {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    process.stdout.write(
      `\n${formatRunSummary({
        phases: results,
        badInputs: badResults,
        peakStackMemoryMb: stack.peakMemoryMb(),
        functions: [...stack.functionMemory()].map(([name, memory]) => ({ name, ...memory })),
        stackCpuSeconds: stack.cpuSeconds(),
        machine: `${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GB, node ${process.version}`,
        totalSeconds: (Date.now() - started) / 1000,
      })}\n`,
    );
  });

  /** Messages the services have reported for retry since the running stack started (its metrics). */
  function retriedSoFar(): number {
    try {
      const { services } = readLocalStats(localStatsFile(dataDir));
      return Object.values(services).reduce((sum, service) => sum + service.retried, 0);
    } catch {
      return 0; // Not written yet by a stack just started.
    }
  }

  /** The services' log lines for a record returned to its queue, in every stack's output. */
  function serviceRetryLogLines(): number {
    return stack.output().match(/returned to the queue for retry/g)?.length ?? 0;
  }

  /** Retries the metrics counted over the phases so far. */
  function totalRetries(): number {
    return results.reduce((sum, phase) => sum + phase.retries, 0);
  }

  /** Resolves once every image uploaded so far has a record whose every stage has ended. */
  async function settled(what: string): Promise<void> {
    await waitFor(
      async () => {
        const records = await scanRecords(stack.clients.db, stack.stack.table);
        return uploaded.every((spec) => {
          const record = records.get(spec.key);
          return record !== undefined && STAGES.every((stage) => record[stage] !== undefined);
        });
      },
      { timeoutMs: settleMs(uploaded.length), intervalMs: 1_000, what },
    ).catch(() => undefined); // The full count that follows says what is missing.
  }

  /**
   * Uploads a phase's images, `midway` running once half are up (the fault), then counts
   * everything uploaded so far and records the phase.
   */
  async function runPhase(
    name: string,
    fault: string,
    specs: readonly ImageSpec[],
    midway: () => Promise<void>,
    afterUploads: () => Promise<number>,
  ): Promise<{ count: FullCount; hits: number }> {
    // Made (or found in the cache) before the clock starts: the stack is idle between phases.
    const limit = createConcurrencyLimit(2);
    await Promise.all(
      specs.map((spec) =>
        limit(async () => files.set(spec.key, await corpusFile(spec, CORPUS_CACHE))),
      ),
    );
    const phaseStart = Date.now();
    const retriedBefore = retriedSoFar();
    await uploadAll(
      specs,
      {
        target: () => stack.uploadTarget(),
        files,
        concurrency: 4,
        timeoutMs: 180_000,
        onUploaded: (spec, at) => {
          uploadedAt.set(spec.key, at);
          uploaded.push(spec);
        },
      },
      midway,
    );
    const hits = await afterUploads();
    await settled(`every image done after ${name}`);
    const count = await fullCount(stack.clients, stack.stack, uploaded, decoded);
    const ends = specs.map((spec) => {
      const record = count.records.get(spec.key);
      return Math.max(...STAGES.map((stage) => Date.parse(record?.[stage]?.updatedAt ?? '') || 0));
    });
    const latenciesMs = specs.map((spec, i) => (ends[i] ?? 0) - (uploadedAt.get(spec.key) ?? 0));
    stack.peakMemoryMb();
    stack.functionMemory();
    const retriedAfter = retriedSoFar();
    results.push({
      phase: name,
      fault,
      faultHits: hits,
      images: specs.length,
      counted: uploaded.length,
      lost: count.missing.length + count.pending.length + count.absentOutputs.length,
      duplicates: count.duplicates.length,
      dlq: Object.values(count.dlq).reduce((sum, depth) => sum + depth, 0),
      wronglyRejected: count.wronglyRejected.length,
      // A restart starts its metrics at zero.
      retries: retriedAfter >= retriedBefore ? retriedAfter - retriedBefore : retriedAfter,
      seconds: (Math.max(...ends) - phaseStart) / 1000,
      latenciesMs,
    });
    return { count, hits };
  }

  /** The full count's verdict: nothing lost, pending, duplicated, misrecorded or dead-lettered. */
  function expectNothingLost(count: FullCount): void {
    expect(count.missing).toEqual([]);
    expect(count.pending).toEqual([]);
    expect(count.wronglyRejected).toEqual([]);
    expect(count.wrongFacts).toEqual([]);
    expect(count.absentOutputs).toEqual([]);
    expect(count.misplacedOutputs).toEqual([]);
    expect(count.duplicates).toEqual([]);
    expect(count.undecodable).toEqual([]);
    expect(count.dlq).toEqual(Object.fromEntries(SERVICE_NAMES.map((service) => [service, 0])));
    expect(count.outputs.length).toBeGreaterThanOrEqual(uploaded.length);
  }

  /**
   * Switches a transient fault on (from `midway`); after the uploads, keeps it on until it
   * has failed `wanted` calls or the phase's images are all done, then switches it off.
   */
  function transientFault(spec: Readonly<Record<string, unknown>>, wanted: number) {
    let fault: FaultReport | undefined;
    return {
      midway: async () => {
        fault = await switchFaultOn(stack.control, spec);
      },
      afterUploads: async () => {
        const id = fault?.id ?? 0;
        await waitFor(
          async () => {
            const report = await faultReport(stack.control, id);
            if (report.failed >= wanted) return true;
            if (report.failed === 0) return false;
            const records = await scanRecords(stack.clients.db, stack.stack.table);
            return uploaded.every((image) =>
              STAGES.every((stage) => records.get(image.key)?.[stage] !== undefined),
            );
          },
          { timeoutMs: 180_000, intervalMs: 500, what: `fault ${spec['kind']} failing calls` },
        ).catch(() => undefined);
        return (await switchFaultOff(stack.control, id)).failed;
      },
    };
  }

  it('given a mixed load, when it is processed, then every image is done and counted', async () => {
    const { count } = await runPhase(
      'load',
      'none',
      plan.load,
      async () => undefined,
      async () => 0,
    );

    expectNothingLost(count);
  });

  it('given S3 writes failing for a while, then the fault failed writes and nothing is lost', async () => {
    // Every write fails while it is on, so some fail past the SDK's own retries and reach the
    // services' retry path (a share of them would mostly be absorbed by the SDK's retries).
    const fault = transientFault(
      { kind: 's3-put-object', share: 1, buckets: [stack.stack.buckets.processed] },
      20,
    );

    const { count, hits } = await runPhase(
      's3 writes',
      's3 500/503',
      plan.s3,
      fault.midway,
      fault.afterUploads,
    );

    expect(hits).toBeGreaterThan(0);
    // Retries show in the metrics, and each one the metrics counted in the services' logs.
    const retries = results[results.length - 1]?.retries ?? 0;
    expect(retries).toBeGreaterThan(0);
    expect(serviceRetryLogLines()).toBeGreaterThanOrEqual(totalRetries());
    expectNothingLost(count);
  });

  it('given DynamoDB throttling the services for a while, then the fault throttled calls and nothing is lost', async () => {
    const fault = transientFault(
      { kind: 'dynamodb-throttle', share: 0.25, principals: SERVICE_PRINCIPALS },
      20,
    );

    const { count, hits } = await runPhase(
      'dynamodb throttling',
      'ddb throttle',
      plan.dynamodb,
      fault.midway,
      fault.afterUploads,
    );

    expect(hits).toBeGreaterThan(0);
    expectNothingLost(count);
  });

  it('given the stack SIGKILLed mid-load and started again, then reconcile republished unfinished uploads and nothing is lost', async () => {
    let republished = 0;

    const { count, hits } = await runPhase(
      'sigkill + restart',
      'SIGKILL',
      plan.kill,
      async () => {
        const restarted = await stack.killAndRestart();
        const line = await restarted.waitForOutput(
          /reconcile: (\d+) unfinished upload\(s\) published again/,
          { timeoutMs: 60_000 },
        );
        republished = Number(/\d+/.exec(line)?.[0]);
      },
      async () => republished,
    );

    expect(hits).toBeGreaterThan(0);
    expectNothingLost(count);
  });

  it('given the watermark handler throwing for a stretch, then its messages reach the DLQ, and after the fix `imgpipe dlq replay` brings every one back to done', async () => {
    const service = 'watermark';
    let fault: FaultReport | undefined;
    let replayed = '';
    let thrownMessages = 0;

    const { count, hits } = await runPhase(
      'handler bug + replay',
      `${service} throws`,
      plan.handler,
      async () => {
        fault = await switchFaultOn(stack.control, { kind: 'handler-throws', service });
      },
      async () => {
        const id = fault?.id ?? 0;
        const { url, dlqUrl } = stack.stack.queues[service];
        // The bug stays until everything its queue held has been dead-lettered.
        const dead = await waitFor(
          async () => {
            const [queue, dlq] = await Promise.all([
              queueCounts(stack.clients.sqs, url),
              queueCounts(stack.clients.sqs, dlqUrl),
            ]);
            const inDlq = dlq.visible + dlq.hidden;
            return queue.visible + queue.hidden === 0 && inDlq > 0 && inDlq;
          },
          {
            // Each message is received MAX_RECEIVE_COUNT times, a visibility timeout apart.
            timeoutMs: (MAX_RECEIVE_COUNT + 2) * VISIBILITY_SECONDS * 1000 + 120_000,
            intervalMs: 1_000,
            what: `the ${service} queue dead-lettered`,
          },
        );
        const { failedMessages } = await switchFaultOff(stack.control, id);
        thrownMessages = failedMessages;
        const replay = await promisify(execFile)(
          process.execPath,
          [
            join(REPO_ROOT, 'tools/cli/bin/imgpipe.js'),
            'dlq',
            'replay',
            service,
            '--stack',
            join(dataDir, 'stack.json'),
          ],
          { cwd: REPO_ROOT, env: { ...process.env }, timeout: 120_000 },
        );
        replayed = replay.stdout;
        expect(replayed).toContain(`${service}: ${dead} moved`);
        return failedMessages;
      },
    );

    expect(hits).toBeGreaterThan(0);
    expect(replayed).toMatch(/0 left in the DLQ/);
    // The runner logs each message it leaves to the visibility timeout, as Lambda's log does.
    const retryLines = stack.output().match(new RegExp(`^${service}\\s+will retry\\s`, 'gm'));
    expect(retryLines?.length ?? 0).toBeGreaterThanOrEqual(thrownMessages);
    expectNothingLost(count);
  });

  it('given the bad-input corpus, then each ends done or rejected with a readable reason, none in a DLQ, and the latest bytes win', async () => {
    const inputs = badInputs('bad/');
    const lastSha = new Map<string, string>();
    const s3 = stack.uploadTarget().clients[0];
    for (const input of inputs) {
      // One after another, in order: the key uploaded twice gets its bytes in a row.
      for (const body of await input.bodies()) {
        await s3?.send(
          new PutObjectCommand({ Bucket: stack.stack.buckets.source, Key: input.key, Body: body }),
        );
        lastSha.set(input.key, sha256Hex(body));
      }
    }

    const records = await waitFor(
      async () => {
        const all = await scanRecords(stack.clients.db, stack.stack.table);
        const ended = inputs.every((input) =>
          STAGES.every((stage) => all.get(input.key)?.[stage] !== undefined),
        );
        return ended && all;
      },
      { timeoutMs: settleMs(inputs.length), intervalMs: 1_000, what: 'every bad input ended' },
    );
    for (const input of inputs) {
      const record = records.get(input.key);
      const stages = STAGES.map((stage) => [stage, record?.[stage]] as const);
      const reasons = stages.flatMap(([, written]) =>
        written?.status === 'rejected' ? [written.reason] : [],
      );
      badResults.push({
        what: input.what,
        outcome: stages.map(([stage, written]) => `${stage} ${written?.status}`).join(', '),
        reason: reasons[0] ?? '',
      });
    }
    const dlq = await dlqDepths(stack.clients.sqs, stack.stack);
    const count = await fullCount(stack.clients, stack.stack, uploaded, decoded);

    const unreadable = badResults.filter(
      (result) => result.reason !== '' && !isReadableReason(result.reason),
    );
    const wrong = inputs.flatMap((input, i) => {
      const outcome = badResults[i]?.outcome ?? '';
      const off =
        input.expect === 'done'
          ? /rejected/.test(outcome)
          : input.expect === 'rejected' && !outcome.startsWith('image rejected');
      return off ? [`${input.what}: ${outcome} (expected ${input.expect})`] : [];
    });
    expect(unreadable).toEqual([]);
    expect(wrong).toEqual([]);
    const twice = inputs.find((input) => input.key.endsWith('uploaded-twice.jpg'));
    const twiceImage = records.get(twice?.key ?? '')?.image;
    expect(twiceImage?.status === 'done' && twiceImage.sha256).toBe(lastSha.get(twice?.key ?? ''));
    expect(dlq).toEqual(Object.fromEntries(SERVICE_NAMES.map((service) => [service, 0])));
    expectNothingLost(count);
  });

  it('given the load, the faults and the bad-input corpus, then each function, in its own process, peaked under its memory setting and was never restarted', () => {
    const peaks = stack.functionMemory();

    const over = [...peaks]
      .filter(([, memory]) => memory.peakMb >= memory.limitMb || memory.restarts > 0)
      .map(([name, memory]) => `${name}: ${JSON.stringify(memory)}`);
    expect([...peaks.keys()]).toEqual(expect.arrayContaining(SERVICE_PRINCIPALS));
    expect([...peaks.values()].every((memory) => memory.peakMb > 0)).toBe(true);
    expect(over).toEqual([]);
  });
});
