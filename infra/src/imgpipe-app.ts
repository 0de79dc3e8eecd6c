import type { App } from 'aws-cdk-lib';
import type { Code } from 'aws-cdk-lib/aws-lambda';
import type { Service } from '@imgpipe/registry';
import { ALL_SERVICES } from '@imgpipe/registry';
import { STAGE_ENV, stackNames, stageName } from '@imgpipe/registry';
import { HTTP_SETTINGS_CONTEXT, readHttpSettings } from './http-settings';
import { HttpServiceStack } from './stacks/http-service-stack';
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
  /** Services of every kind; the registry's when absent. */
  readonly services?: readonly Service[];
}

/** A service's stack, of the kind its registry entry names. */
export type ServiceStack = ImageServiceStack | HttpServiceStack;

export interface ImgpipeStacks {
  readonly platform?: PlatformStack;
  readonly services: readonly ServiceStack[];
}

/**
 * Adds imgpipe's stacks for one stage to an app: the platform stack and one stack per
 * service, each deployable alone. The registry entry's kind picks the construct: queue-fed
 * → {@link ImageServiceStack}, http → {@link HttpServiceStack} (its auth and CORS read from
 * the app's `imgpipe:http-services` context, see `http-settings.ts`).
 *
 * @throws Error when `only` names a stack that does not exist, or HTTP settings are invalid.
 * @example
 * const { services } = addImgpipeStacks(new App(), {
 *   stage: 'prod', only: ['resize-service'], codeFor: (project) => Code.fromAsset(`dist/lambda/${project}`),
 * });
 */
export function addImgpipeStacks(app: App, options: ImgpipeAppOptions): ImgpipeStacks {
  const services = options.services ?? ALL_SERVICES;
  const known = [PLATFORM, ...services.map((service) => service.project)];
  const unknown = options.only?.filter((name) => !known.includes(name)) ?? [];
  if (unknown.length > 0) {
    throw new Error(`Unknown stack selector(s) ${unknown.join(', ')}; known: ${known.join(', ')}`);
  }
  const wanted = (name: string) => options.only === undefined || options.only.includes(name);
  const { stage } = options;
  const names = stackNames(stage);
  const tags = { project: 'imgpipe', stage };

  const httpContext: unknown = app.node.tryGetContext(HTTP_SETTINGS_CONTEXT);
  const settingsOf = (project: string) => readHttpSettings(httpContext, stage, project);
  const uploadOrigins = [
    ...new Set(
      services
        .filter((service) => service.kind === 'http')
        .flatMap((service) => settingsOf(service.project).corsOrigins),
    ),
  ];

  const platform = wanted(PLATFORM)
    ? new PlatformStack(app, names.platform, { stage, services, uploadOrigins, tags })
    : undefined;
  const serviceStacks = services
    .filter((service) => wanted(service.project))
    .map((service): ServiceStack => {
      const common = {
        stage,
        code: options.codeFor(service.project),
        tags: { ...tags, service: service.project },
      };
      const id = names.service(service.project);
      return service.kind === 'http'
        ? new HttpServiceStack(app, id, {
            ...common,
            service,
            settings: settingsOf(service.project),
          })
        : new ImageServiceStack(app, id, { ...common, service });
    });
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
