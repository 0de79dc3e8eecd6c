import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ProjectGraph } from '@nx/devkit';
import { createTaskGraph } from 'nx/src/tasks-runner/create-task-graph';

/*
 * Proves what `npm run deploy` (CI's deploy on main) runs. A plain `nx affected -t deploy`
 * always pulls infra:deploy in through each service's dependsOn (deploy-order.spec.ts); the
 * script selects the affected projects' deploy chain targets with
 * --exclude-task-dependencies, which keeps only selected tasks and the edges between them.
 * `--graph=<file>` ignores that flag, so the graph is built here with the function
 * `nx affected` runs tasks from (createTaskGraph, called by run-command with the flag), on
 * the projects `nx affected` selects (affected ones with one of the targets), nothing run.
 */
const workspaceRoot = path.resolve(__dirname, '..', '..', '..');
const PLATFORM_DEPLOY = 'infra:deploy';
const nxEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };

function nx(args: readonly string[]): string {
  return execFileSync(process.execPath, [require.resolve('nx/bin/nx.js'), ...args], {
    cwd: workspaceRoot,
    env: nxEnv,
    encoding: 'utf8',
    stdio: 'pipe',
  });
}

/** `npm run deploy` as package.json has it, split into its command, targets and flags. */
function deployScript(): { command: string[]; targets: string[]; flags: string[] } {
  const pkg = JSON.parse(readFileSync(path.join(workspaceRoot, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = (pkg.scripts['deploy'] ?? '').split(/\s+/);
  const targetsAt = words.indexOf('-t') + 1;
  const flagsAt = words.findIndex((word, index) => index > targetsAt && word.startsWith('-'));
  return {
    command: words.slice(0, targetsAt - 1),
    targets: words.slice(targetsAt, flagsAt === -1 ? undefined : flagsAt),
    flags: flagsAt === -1 ? [] : words.slice(flagsAt),
  };
}

function projectGraph(): ProjectGraph {
  const dir = mkdtempSync(path.join(tmpdir(), 'deploy-script-'));
  try {
    nx(['graph', `--file=${path.join(dir, 'graph.json')}`]);
    return (
      JSON.parse(readFileSync(path.join(dir, 'graph.json'), 'utf8')) as { graph: ProjectGraph }
    ).graph;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface Run {
  readonly tasks: string[];
  readonly dependencies: Record<string, string[]>;
}

// Each case runs the Nx CLI (project graph without the daemon: a few seconds each).
jest.setTimeout(120_000);

describe('what npm run deploy runs', () => {
  const script = deployScript();
  let graph: ProjectGraph;

  beforeAll(() => {
    graph = projectGraph();
  });

  /** The projects `nx affected` selects for the script after a change to `files`. */
  function selectedAfter(files: readonly string[]): string[] {
    const affected = JSON.parse(
      nx(['show', 'projects', '--affected', `--files=${files.join(',')}`, '--json']),
    ) as string[];
    return affected.filter((name) =>
      script.targets.some((target) => graph.nodes[name]?.data.targets?.[target] !== undefined),
    );
  }

  /** The tasks and edges the script runs for `projects`; without the flag if told. */
  function runOf(projects: string[], excludeTaskDependencies = true): Run {
    const run = createTaskGraph(
      graph,
      {},
      projects,
      script.targets,
      undefined,
      {},
      excludeTaskDependencies,
    );
    return { tasks: Object.keys(run.tasks).sort(), dependencies: run.dependencies };
  }

  const runAfter = (files: readonly string[]) => runOf(selectedAfter(files));
  const deploys = (run: Run) => run.tasks.filter((id) => id.endsWith(':deploy'));
  const tasksOf = (run: Run, project: string) =>
    run.tasks.filter((id) => id.startsWith(`${project}:`));

  it('given the script, then it is nx affected over the whole deploy chain with --exclude-task-dependencies', () => {
    expect(script.command).toEqual(['nx', 'affected']);
    expect(script.flags).toContain('--exclude-task-dependencies');
    // Every target a deploy needs is selected, so excluding unselected tasks drops only
    // those of projects the change did not touch (checked per case below).
    expect(script.targets).toEqual(
      expect.arrayContaining(['build', 'package', 'synth', 'synth-platform', 'deploy']),
    );
  });

  it('given a change in the HTTP service only, then only its own chain runs: no platform task', () => {
    const run = runAfter(['apps/upload-api/src/handler.ts']);

    expect(deploys(run)).toEqual(['upload-api:deploy']);
    expect(run.tasks).toEqual([
      'upload-api:build',
      'upload-api:deploy',
      'upload-api:package',
      'upload-api:synth',
    ]);
    expect(run.dependencies['upload-api:deploy']).toEqual(['upload-api:synth']);
    expect(run.dependencies['upload-api:synth']).toEqual(['upload-api:package']);
    expect(run.dependencies['upload-api:package']).toEqual(['upload-api:build']);
  });

  it('given a change in one queue-fed service only, then only its stack deploys', () => {
    const run = runAfter(['apps/resize-service/src/handler.ts']);

    expect(deploys(run)).toEqual(['resize-service:deploy']);
    expect(tasksOf(run, 'infra')).toEqual([]);
  });

  it('given a change in infra and in one service, then the platform deploys before every service stack', () => {
    const run = runAfter(['infra/src/main.ts', 'apps/resize-service/src/handler.ts']);

    expect(deploys(run)).toContain(PLATFORM_DEPLOY);
    const services = deploys(run).filter((id) => id !== PLATFORM_DEPLOY);
    expect(services).toContain('resize-service:deploy');
    for (const service of services) {
      expect(run.dependencies[service]).toEqual(
        expect.arrayContaining([PLATFORM_DEPLOY, service.replace(':deploy', ':synth')]),
      );
    }
    expect(run.dependencies[PLATFORM_DEPLOY]).toEqual(['infra:synth-platform']);
  });

  it('given a change in the packaging tool, then every service deploys and no platform task runs', () => {
    const run = runAfter(['tools/lambda-package/src/package-lambda.ts']);

    expect(deploys(run)).toEqual([
      'metadata-service:deploy',
      'resize-service:deploy',
      'upload-api:deploy',
      'watermark-service:deploy',
    ]);
    expect(tasksOf(run, 'infra')).toEqual([]);
  });

  it.each([
    [['apps/upload-api/src/handler.ts']],
    [['infra/src/main.ts']],
    [['libs/event-schemas/src/index.ts']],
  ])(
    'given a change in %j, then excluding task dependencies drops only other projects’ tasks',
    (files) => {
      const projects = selectedAfter(files);
      const run = runOf(projects);
      const full = runOf(projects, false);
      const selected = new Set(projects);

      // Every task of a selected project that the full graph would run, and every edge
      // between the tasks kept, is still there: nothing a deploy needs is lost.
      expect(run.tasks).toEqual(
        full.tasks.filter((id) => selected.has(id.slice(0, id.indexOf(':')))),
      );
      for (const id of run.tasks) {
        expect([...(run.dependencies[id] ?? [])].sort()).toEqual(
          (full.dependencies[id] ?? []).filter((dep) => run.tasks.includes(dep)).sort(),
        );
      }
    },
  );
});
