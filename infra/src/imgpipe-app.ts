import type { App } from 'aws-cdk-lib';
import type { Code } from 'aws-cdk-lib/aws-lambda';
import type { QueueFedService } from '@imgpipe/registry';
import { SERVICES } from '@imgpipe/registry';
import { STAGE_ENV, stackNames, stageName } from '@imgpipe/registry';
import { ImageServiceStack } from './stacks/image-service-stack';
import { PlatformStack } from './stacks/platform-stack';

/** The selector that picks the platform stack in {@link ImgpipeAppOptions.only}. */
export const PLATFORM = 'platform';

export interface ImgpipeAppOptions {
  readonly stage: string;
  /** The deployment package of a service project. */
  readonly codeFor: (project: string) => Code;
  /**
   * Stacks to build: `platform` and/or service project names; all when absent. A service's
   * own synth builds only its stack, so it needs only its own package.
   */
  readonly only?: readonly string[];
  readonly services?: readonly QueueFedService[];
}

export interface ImgpipeStacks {
  readonly platform?: PlatformStack;
  readonly services: readonly ImageServiceStack[];
}

/**
 * Adds imgpipe's stacks for one stage to an app: the platform stack and one stack per
 * queue-fed service, each deployable alone.
 *
 * @throws Error when `only` names a stack that does not exist.
 * @example
 * const { services } = addImgpipeStacks(new App(), {
 *   stage: 'prod', only: ['resize-service'], codeFor: (project) => Code.fromAsset(`dist/lambda/${project}`),
 * });
 */
export function addImgpipeStacks(app: App, options: ImgpipeAppOptions): ImgpipeStacks {
  const services = options.services ?? SERVICES;
  const known = [PLATFORM, ...services.map((service) => service.project)];
  const unknown = options.only?.filter((name) => !known.includes(name)) ?? [];
  if (unknown.length > 0) {
    throw new Error(`Unknown stack selector(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
  }
  const wanted = (name: string) => options.only === undefined || options.only.includes(name);
  const names = stackNames(options.stage);
  const tags = { project: 'imgpipe', stage: options.stage };

  const platform = wanted(PLATFORM)
    ? new PlatformStack(app, names.platform, { stage: options.stage, services, tags })
    : undefined;
  const serviceStacks = services
    .filter((service) => wanted(service.project))
    .map(
      (service) =>
        new ImageServiceStack(app, names.service(service.project), {
          stage: options.stage,
          service,
          code: options.codeFor(service.project),
          tags: { ...tags, service: service.project },
        }),
    );
  return { ...(platform ? { platform } : {}), services: serviceStacks };
}

/**
 * Reads and validates the stage name (`IMGPIPE_STAGE`, default `dev`, both from the
 * registry); it becomes part of stack, resource and SSM parameter names.
 *
 * @throws Error naming the bad value.
 * @example
 * readStage({ IMGPIPE_STAGE: 'prod' }); // 'prod'
 */
export function readStage(env: Readonly<Record<string, string | undefined>>): string {
  return stageName(env[STAGE_ENV]);
}
