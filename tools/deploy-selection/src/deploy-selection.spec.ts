import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * Proves the rule CI relies on: `nx affected -t deploy` deploys only the stacks a change
 * touches. This project depends on every project (implicitDependencies "*"), so it is
 * affected by any change and these checks run whenever the project graph could move.
 */
const workspaceRoot = path.resolve(__dirname, '..', '..', '..');
/** Projects with a deploy target besides infra: the services of every kind. */
const serviceProjects = ['metadata-service', 'resize-service', 'upload-api', 'watermark-service'];

/** The projects `nx affected` marks if only `file` changed; with a target, those having it. */
function affectedBy(file: string, withTarget?: string): string[] {
  const output = execFileSync(
    process.execPath,
    [
      require.resolve('nx/bin/nx.js'),
      ...['show', 'projects', '--affected', `--files=${file}`, '--json'],
      ...(withTarget ? [`--withTarget=${withTarget}`] : []),
    ],
    {
      cwd: workspaceRoot,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      encoding: 'utf8',
    },
  );
  return (JSON.parse(output) as string[]).sort();
}

/** Every project with a deploy target, whatever changed. */
function deployable(): string[] {
  const output = execFileSync(
    process.execPath,
    [require.resolve('nx/bin/nx.js'), 'show', 'projects', '--withTarget=deploy', '--json'],
    {
      cwd: workspaceRoot,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      encoding: 'utf8',
    },
  );
  return (JSON.parse(output) as string[]).sort();
}

/** Service projects whose sources import `specifier` directly; read from disk, not from Nx. */
function servicesImporting(specifier: string): string[] {
  return serviceProjects.filter((project) => {
    const srcDir = path.join(workspaceRoot, 'apps', project, 'src');
    const files = readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.ts'),
    );
    return files.some((file) =>
      readFileSync(path.join(srcDir, file), 'utf8').includes(`'${specifier}'`),
    );
  });
}

// Each case runs the Nx CLI once (project graph without the daemon: a few seconds).
jest.setTimeout(60_000);

describe('which stacks nx affected -t deploy picks', () => {
  it('given a change in one service, then no other stack is affected, only tools that run it', () => {
    const affected = affectedBy('apps/resize-service/src/handler.ts');

    expect(affected).toEqual(expect.arrayContaining(['deploy-selection', 'resize-service']));
    // The local stack, bench and CLI run the services (project-graph edges, so their tests
    // run too), but deploy nothing.
    expect(affected.filter((project) => deployable().includes(project))).toEqual([
      'resize-service',
    ]);
    expect(affectedBy('apps/resize-service/src/handler.ts', 'deploy')).toEqual(['resize-service']);
  });

  it('given a change in the HTTP service, then only its stack deploys', () => {
    expect(affectedBy('apps/upload-api/src/upload-api.ts', 'deploy')).toEqual(['upload-api']);
    expect(affectedBy('apps/upload-api/src/handler.ts', 'deploy')).toEqual(['upload-api']);
  });

  it('given every project with a deploy target, then it is the platform or a service checked here', () => {
    expect(deployable()).toEqual(['infra', ...serviceProjects].sort());
  });

  it('given a change in the HTTP construct, then the platform and every service stack deploy', () => {
    expect(affectedBy('infra/src/constructs/http-api-service.ts', 'deploy')).toEqual(
      ['infra', ...serviceProjects].sort(),
    );
  });

  it('given a change in infra, then the platform and every service stack deploy', () => {
    expect(affectedBy('infra/src/constructs/queue-fed-image-service.ts', 'deploy')).toEqual(
      ['infra', ...serviceProjects].sort(),
    );
  });

  it('given a change in the packaging tool, then every service redeploys but not the platform', () => {
    expect(affectedBy('tools/lambda-package/src/package-lambda.ts', 'deploy')).toEqual(
      serviceProjects,
    );
  });

  it('given a change in a shared lib, then every service importing it deploys and the platform does not', () => {
    const importers = servicesImporting('@imgpipe/event-schemas');

    const deployed = affectedBy('libs/event-schemas/src/index.ts', 'deploy');

    expect(importers.length).toBeGreaterThan(0);
    expect(deployed).toEqual(expect.arrayContaining(importers));
    expect(deployed).not.toContain('infra');
    expect(deployed.every((project) => serviceProjects.includes(project))).toBe(true);
  });
});
