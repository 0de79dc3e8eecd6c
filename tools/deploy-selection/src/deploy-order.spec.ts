import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/*
 * Proves the order CI and the README rely on: in one `nx affected -t deploy` (or
 * `nx run-many -t deploy` into an empty account) the platform stack (infra:deploy) is
 * deployed before any service stack, because service stacks read the platform's SSM
 * parameters when they deploy. Read from Nx's task graph (`--graph=<file>.json`), which
 * Nx builds with the same function it runs tasks from; nothing is executed.
 */
const workspaceRoot = path.resolve(__dirname, '..', '..', '..');
const PLATFORM_DEPLOY = 'infra:deploy';

interface TaskGraph {
  readonly tasks: Record<string, unknown>;
  readonly dependencies: Record<string, readonly string[]>;
}

/** The task graph Nx would run for `args` (an `affected` or `run-many` command line). */
function taskGraphOf(args: readonly string[]): TaskGraph {
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-order-'));
  const file = path.join(dir, 'graph.json');
  try {
    execFileSync(process.execPath, [require.resolve('nx/bin/nx.js'), ...args, `--graph=${file}`], {
      cwd: workspaceRoot,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return (JSON.parse(readFileSync(file, 'utf8')) as { tasks: TaskGraph }).tasks;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every project with a deploy target (the platform and each service). */
function deployableProjects(): string[] {
  const output = execFileSync(
    process.execPath,
    [require.resolve('nx/bin/nx.js'), 'show', 'projects', '--withTarget=deploy', '--json'],
    {
      cwd: workspaceRoot,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      encoding: 'utf8',
    },
  );
  return JSON.parse(output) as string[];
}

/** Every task `taskId` waits for, directly or through other tasks. */
function prerequisitesOf(graph: TaskGraph, taskId: string): Set<string> {
  const seen = new Set<string>();
  const pending = [...(graph.dependencies[taskId] ?? [])];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (!seen.has(next)) {
      seen.add(next);
      pending.push(...(graph.dependencies[next] ?? []));
    }
  }
  return seen;
}

function deployTasks(graph: TaskGraph): string[] {
  return Object.keys(graph.tasks)
    .filter((id) => id.endsWith(':deploy'))
    .sort();
}

function serviceDeploys(graph: TaskGraph): string[] {
  return deployTasks(graph).filter((id) => id !== PLATFORM_DEPLOY);
}

// Each case runs the Nx CLI once (project graph without the daemon: a few seconds).
jest.setTimeout(60_000);

describe('the order nx affected -t deploy deploys stacks in', () => {
  it('given a change in infra and in one service, then the platform deploys before every service stack', () => {
    const graph = taskGraphOf([
      'affected',
      '-t',
      'deploy',
      '--files=infra/src/main.ts,apps/resize-service/src/handler.ts',
    ]);

    expect(deployTasks(graph)).toContain(PLATFORM_DEPLOY);
    expect(serviceDeploys(graph)).toContain('resize-service:deploy');
    for (const service of serviceDeploys(graph)) {
      // A direct edge: the service's deploy cannot start until the platform's has finished.
      expect(graph.dependencies[service]).toContain(PLATFORM_DEPLOY);
    }
    // The platform waits only for its own synth, never for a service's package or deploy.
    expect([...prerequisitesOf(graph, PLATFORM_DEPLOY)]).toEqual(['infra:synth-platform']);
  });

  it('given a change in one service only, then that service deploys after a platform deploy that needs none of the other services', () => {
    const graph = taskGraphOf([
      'affected',
      '-t',
      'deploy',
      '--files=apps/resize-service/src/handler.ts',
    ]);

    // Nx's dependsOn always pulls the platform's deploy into a plain `nx affected -t deploy`
    // (see infra/README.md), where an unchanged platform template is a no-op; CI's
    // `npm run deploy` leaves it out (deploy-script.spec.ts).
    expect(deployTasks(graph)).toEqual([PLATFORM_DEPLOY, 'resize-service:deploy']);
    expect(graph.dependencies['resize-service:deploy']).toContain(PLATFORM_DEPLOY);
    const tasksOf = (project: string) =>
      Object.keys(graph.tasks)
        .filter((id) => id.startsWith(`${project}:`))
        .sort();
    // The platform alone: its synth needs no service package.
    expect(tasksOf('infra')).toEqual([PLATFORM_DEPLOY, 'infra:synth-platform']);
    expect(tasksOf('resize-service')).toEqual([
      'resize-service:build',
      'resize-service:deploy',
      'resize-service:package',
      'resize-service:synth',
    ]);
    for (const other of deployableProjects().filter(
      (project) => project !== 'infra' && project !== 'resize-service',
    )) {
      expect(tasksOf(other)).toEqual([]);
    }
  });

  it('given a change in the HTTP service only, then it deploys after the platform and no other service runs a task', () => {
    const graph = taskGraphOf([
      'affected',
      '-t',
      'deploy',
      '--files=apps/upload-api/src/handler.ts',
    ]);

    expect(deployTasks(graph)).toEqual([PLATFORM_DEPLOY, 'upload-api:deploy']);
    expect(graph.dependencies['upload-api:deploy']).toEqual(
      expect.arrayContaining(['upload-api:synth', PLATFORM_DEPLOY]),
    );
    expect(prerequisitesOf(graph, 'upload-api:synth')).toEqual(
      new Set(['upload-api:package', 'upload-api:build']),
    );
    const projectsRun = new Set(Object.keys(graph.tasks).map((id) => id.split(':')[0]));
    expect([...projectsRun].sort()).toEqual(['infra', 'upload-api']);
  });

  it('given an empty account (nx run-many -t deploy), then the platform deploys before every stack that has a deploy target', () => {
    const graph = taskGraphOf(['run-many', '-t', 'deploy']);

    expect(deployTasks(graph)).toEqual(
      deployableProjects()
        .map((project) => `${project}:deploy`)
        .sort(),
    );
    expect(serviceDeploys(graph).length).toBeGreaterThanOrEqual(3);
    for (const service of serviceDeploys(graph)) {
      expect(prerequisitesOf(graph, service)).toContain(PLATFORM_DEPLOY);
      expect(prerequisitesOf(graph, PLATFORM_DEPLOY)).not.toContain(service);
    }
  });
});
