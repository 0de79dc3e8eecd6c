import { spawn } from 'node:child_process';
import { cpSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { QueueFedService } from '@imgpipe/registry';
import { SERVICES } from '@imgpipe/registry';
import type { ReportSection } from './bench-report';
import { bundleEnvironment, floorModules } from './cold-start-plan';
import { formatMegabytes, formatRatio, median, pairedRatio } from './stats';

const REPO_ROOT = join(__dirname, '../../..');
const PROBE = join(__dirname, '../bin/cold-start-probe.js');
/** The target: a bundle loads in at most 1.15× its floor. */
export const COLD_START_TARGET = 1.15;

/** What one fresh process spent getting its modules loaded. */
interface ProbeSample {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** A kind of process started each round. */
interface ProbeKind {
  readonly name: string;
  readonly modules: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

// The bench's own build output: dist/apps is rebuilt (and emptied first) by anyone's
// `nx build` or synth, which must not pull a bundle from under a timing run. Under the
// repository, so the bundle finds sharp in node_modules as it does beside it on Lambda.
const BUNDLE_ROOT = join(REPO_ROOT, 'dist/bench/bundles');

function bundleFile(service: QueueFedService): string {
  return join(BUNDLE_ROOT, service.project, 'index.js');
}

/**
 * Builds the service bundles with their Nx build target (esbuild, the options they ship
 * with) and copies each into the bench's own folder, so the cold start measured is that
 * of the current code.
 *
 * @throws Error with Nx's output when a build fails.
 * @example
 * await buildBundles();
 */
export async function buildBundles(): Promise<void> {
  for (const service of SERVICES) {
    const output = await run('npx', ['nx', 'run', `${service.project}:build`], {
      ...process.env,
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
    });
    if (output.code !== 0) {
      throw new Error(`building ${service.project} failed:\n${output.text}`);
    }
    const copy = join(BUNDLE_ROOT, service.project);
    rmSync(copy, { recursive: true, force: true });
    cpSync(join(REPO_ROOT, 'dist/apps', service.project), copy, { recursive: true });
  }
}

/**
 * Cold start per bundle against its floor: each round starts, one after the other in a
 * rotating order, a bare node, a node loading the floor (sharp and the service's SDK
 * clients from node_modules), and per bundle a node loading it with tracing off (as the
 * local stack runs it) and one as on Lambda (tracer on; no node options, as infra sets
 * none). Times are from process start to the last `require` done; ratios are medians of
 * per-round ratios.
 *
 * @example
 * say(sectionText(await coldStartSection(9)));
 */
export async function coldStartSection(rounds: number): Promise<ReportSection> {
  const kinds: ProbeKind[] = [{ name: 'node alone', modules: [], env: {} }];
  const floors = new Map<string, string>();
  for (const service of SERVICES) {
    const modules = floorModules(service).map((name) =>
      require.resolve(name, { paths: [REPO_ROOT] }),
    );
    const floorName = `floor: ${floorModules(service).join(' + ')}`;
    floors.set(service.project, floorName);
    if (!kinds.some((kind) => kind.name === floorName))
      kinds.push({ name: floorName, modules, env: {} });
    for (const lambda of [false, true]) {
      kinds.push({
        name: `${service.project}${lambda ? ' (Lambda env)' : ''}`,
        modules: [bundleFile(service)],
        env: bundleEnvironment(service, lambda),
      });
    }
  }
  const samples = new Map(kinds.map((kind) => [kind.name, [] as ProbeSample[]]));
  // One warm-up round: the first start after a build reads every file from disk.
  for (let round = 0; round <= rounds; round += 1) {
    for (let turn = 0; turn < kinds.length; turn += 1) {
      const kind = kinds[(round + turn) % kinds.length];
      if (kind === undefined) continue;
      const sample = await probe(kind);
      if (round > 0) samples.get(kind.name)?.push(sample);
    }
  }
  const of = (name: string, key: keyof ProbeSample) =>
    (samples.get(name) ?? []).map((sample) => sample[key]);
  const rows = [
    [
      'process',
      'bundle',
      'map',
      'wall ms',
      'CPU ms',
      'wall vs floor',
      'CPU vs floor',
      `≤ ${formatRatio(COLD_START_TARGET)}`,
    ],
  ];
  const data: Record<string, unknown>[] = [];
  for (const kind of kinds) {
    const service = SERVICES.find((candidate) => kind.name.startsWith(candidate.project));
    const floorName = service ? floors.get(service.project) : undefined;
    const wallRatio = floorName
      ? pairedRatio(of(kind.name, 'wallMs'), of(floorName, 'wallMs'))
      : undefined;
    const cpuRatio = floorName
      ? pairedRatio(of(kind.name, 'cpuMs'), of(floorName, 'cpuMs'))
      : undefined;
    const sizes = service ? bundleSizes(service) : undefined;
    rows.push([
      kind.name,
      sizes ? formatMegabytes(sizes.bundle) : '',
      sizes ? formatMegabytes(sizes.map) : '',
      median(of(kind.name, 'wallMs')).toFixed(0),
      median(of(kind.name, 'cpuMs')).toFixed(0),
      wallRatio === undefined ? '' : formatRatio(wallRatio),
      cpuRatio === undefined ? '' : formatRatio(cpuRatio),
      wallRatio === undefined ? '' : wallRatio <= COLD_START_TARGET ? 'yes' : 'NO',
    ]);
    data.push({
      process: kind.name,
      ...(sizes ? { bundleBytes: sizes.bundle, mapBytes: sizes.map } : {}),
      wallMs: of(kind.name, 'wallMs'),
      cpuMs: of(kind.name, 'cpuMs'),
      ...(wallRatio === undefined ? {} : { wallRatio, cpuRatio }),
    });
  }
  return {
    part: 'cold-start',
    title: `Cold start: \`require\` of each service bundle in a fresh node process vs the floor (${rounds} rounds, interleaved)`,
    rows,
    notes: [
      "wall = process start to the last require done (node bootstrap included); CPU = the process's user + system time by then.",
      "floor = node + sharp + the SDK clients the service's registry grants call, required from node_modules in a fresh process.",
      "Bundles: each service's `nx build` (into dist/bench/bundles) (esbuild, minified, ESM entry points so the SDK tree-shakes, zod without locales, a source map of imgpipe's own code read on the first stack formatted); sharp and heic-decode are installed beside it, not bundled.",
      "Lambda env: AWS_EXECUTION_ENV set, so Powertools' tracer loads the X-Ray SDK and patches HTTPS; no NODE_OPTIONS, as infra sets none (each bundle maps its stack traces itself, reading its map on the first stack formatted).",
    ],
    data,
  };
}

function bundleSizes(service: QueueFedService): { bundle: number; map: number } {
  const file = bundleFile(service);
  return { bundle: statSync(file).size, map: statSync(`${file}.map`).size };
}

async function probe(kind: ProbeKind): Promise<ProbeSample> {
  const output = await run(process.execPath, [PROBE, ...kind.modules], {
    ...withoutLocalEndpoints(process.env),
    ...kind.env,
  });
  const line = output.text.split('\n').find((candidate) => candidate.startsWith('{"wallMs"'));
  if (output.code !== 0 || line === undefined) {
    throw new Error(`the cold-start probe for ${kind.name} failed:\n${output.text}`);
  }
  return JSON.parse(line) as ProbeSample;
}

// A bench started beside a running local stack must not point the bundles' clients at it.
function withoutLocalEndpoints(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(
      ([name]) => !name.startsWith('AWS_ENDPOINT_URL') && name !== 'NODE_OPTIONS',
    ),
  );
}

function run(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; text: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, text }));
  });
}
