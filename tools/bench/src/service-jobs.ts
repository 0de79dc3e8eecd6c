import { join } from 'node:path';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { pathToFileURL } from 'node:url';
import { DEFAULT_IMAGE_LIMITS } from '@imgpipe/imaging';
import type { ImageLimits } from '@imgpipe/imaging';
import type { MarkPixels } from './bare-watermark';
import { bareWatermark } from './bare-watermark';
import { encodeRenditions, SIZE_STRATEGIES } from './size-strategies';

/** A service's pure job and a bare sharp pipeline doing the same operations. */
export interface BenchJob {
  readonly name: string;
  /** The service's own job, guards included; resolves to the bytes it wrote. */
  readonly job: (bytes: Uint8Array) => Promise<number>;
  readonly bare: (bytes: Uint8Array) => Promise<number>;
}

const REPO_ROOT = join(__dirname, '../../..');

// Apps are loaded by path, as tools/local loads handlers: Nx's module boundaries forbid
// importing an app, even for types, so each module's shape is restated here and checked
// at load time.
async function loadAppModule<T>(file: string, exports: readonly (keyof T & string)[]): Promise<T> {
  const loaded = (await import(pathToFileURL(join(REPO_ROOT, file)).href)) as Partial<T> & {
    default?: Partial<T>;
  };
  const module =
    (exports.every((name) => loaded[name] !== undefined) ? loaded : loaded.default) ?? {};
  const missing = exports.filter((name) => (module as Partial<T>)[name] === undefined);
  if (missing.length > 0) throw new Error(`${file} no longer exports ${missing.join(', ')}`);
  return module as T;
}

interface ResizeModule {
  resizeImage(
    bytes: Uint8Array,
    spec: unknown,
    limits: ImageLimits,
  ): Promise<{ outputs: readonly { body: Buffer }[] }>;
  DEFAULT_RESIZE_SPEC: unknown;
}

interface WatermarkModule {
  watermarkImage(
    bytes: Uint8Array,
    options: unknown,
    limits: ImageLimits,
  ): Promise<{ output: { body: Buffer } }>;
}

interface WatermarkMarkModule {
  renderMark(parts: { text?: string; logo?: Uint8Array }, limits: ImageLimits): Promise<MarkPixels>;
  renderBundledLogo(): Promise<Buffer>;
}

interface ServiceConfigModule {
  DEFAULT_MAX_CONCURRENT_IMAGES: number;
}

interface MetadataModule {
  extractImageFacts(bytes: Uint8Array, limits: ImageLimits): Promise<unknown>;
}

interface WatermarkConfigModule {
  WATERMARK_DEFAULTS: { readonly text: string } & Record<string, unknown>;
}

/**
 * The resize service's job against the cascade in bare sharp; alone, it is what the
 * peak-memory child process runs.
 *
 * @example
 * const resize = await loadResizeJob();
 * await resize.job(jpegBytes);
 */
export async function loadResizeJob(): Promise<BenchJob> {
  const { resizeImage, DEFAULT_RESIZE_SPEC } = await loadAppModule<ResizeModule>(
    'apps/resize-service/src/resize.ts',
    ['resizeImage', 'DEFAULT_RESIZE_SPEC'],
  );
  return {
    name: 'resize',
    job: async (bytes) =>
      totalBytes((await resizeImage(bytes, DEFAULT_RESIZE_SPEC, DEFAULT_IMAGE_LIMITS)).outputs),
    bare: async (bytes) =>
      totalBytes(
        (await encodeRenditions(await SIZE_STRATEGIES.cascade(bytes))).map((body) => ({ body })),
      ),
  };
}

/** The services whose job the batch-memory figure runs, by short name. */
export const SERVICE_JOB_NAMES = ['resize', 'watermark', 'metadata'] as const;
export type ServiceJobName = (typeof SERVICE_JOB_NAMES)[number];

/**
 * One service's pure job alone, guards included (metadata has no bare baseline): what
 * the batch-memory child runs for each record. Resolves to the bytes it wrote (0 for
 * metadata, which writes a record, not an image).
 *
 * @example
 * const job = await loadServiceJob('metadata');
 * await job(jpegBytes);
 */
export async function loadServiceJob(
  name: ServiceJobName,
): Promise<(bytes: Uint8Array) => Promise<number>> {
  if (name === 'resize') return (await loadResizeJob()).job;
  if (name === 'watermark') return (await loadWatermarkJob()).job;
  const { extractImageFacts } = await loadAppModule<MetadataModule>(
    'apps/metadata-service/src/metadata.ts',
    ['extractImageFacts'],
  );
  return async (bytes) => {
    await extractImageFacts(bytes, DEFAULT_IMAGE_LIMITS);
    return 0;
  };
}

/**
 * A service's own default for `MAX_CONCURRENT_IMAGES`, from its `config.ts`.
 *
 * @example
 * await loadDefaultBound('resize'); // 1
 */
export async function loadDefaultBound(name: ServiceJobName): Promise<number> {
  const config = await loadAppModule<ServiceConfigModule>(`apps/${name}-service/src/config.ts`, [
    'DEFAULT_MAX_CONCURRENT_IMAGES',
  ]);
  return config.DEFAULT_MAX_CONCURRENT_IMAGES;
}

/**
 * The watermark service's default mark (text and bundled logo), drawn as the service draws
 * it once per container.
 *
 * @example
 * await bareWatermark(bytes, await loadWatermarkMark());
 */
export async function loadWatermarkMark(): Promise<MarkPixels> {
  const marks = await loadAppModule<WatermarkMarkModule>(
    'apps/watermark-service/src/watermark-mark.ts',
    ['renderMark', 'renderBundledLogo'],
  );
  const { WATERMARK_DEFAULTS } = await loadWatermarkDefaults();
  return marks.renderMark(
    { text: WATERMARK_DEFAULTS.text, logo: await marks.renderBundledLogo() },
    DEFAULT_IMAGE_LIMITS,
  );
}

function loadWatermarkDefaults(): Promise<WatermarkConfigModule> {
  return loadAppModule<WatermarkConfigModule>('apps/watermark-service/src/config.ts', [
    'WATERMARK_DEFAULTS',
  ]);
}

async function loadWatermarkJob(): Promise<BenchJob> {
  const { watermarkImage } = await loadAppModule<WatermarkModule>(
    'apps/watermark-service/src/watermark.ts',
    ['watermarkImage'],
  );
  const { WATERMARK_DEFAULTS } = await loadWatermarkDefaults();
  // Drawn once per container in the service too, so outside the timed work.
  const mark = await loadWatermarkMark();
  const options = { ...WATERMARK_DEFAULTS, mark };
  return {
    name: 'watermark',
    job: async (bytes) =>
      (await watermarkImage(bytes, options, DEFAULT_IMAGE_LIMITS)).output.body.length,
    bare: async (bytes) => (await bareWatermark(bytes, mark)).length,
  };
}

/**
 * The jobs `npm run bench` compares with their bare pipelines; a new service's job is one
 * more entry here.
 *
 * @example
 * for (const job of await loadBenchJobs()) console.log(job.name, await job.job(bytes));
 */
export async function loadBenchJobs(): Promise<BenchJob[]> {
  return Promise.all([loadResizeJob(), loadWatermarkJob()]);
}

/** A service's Lambda entry point, as `apps/<name>-service/src/handler.ts` exports it. */
export type ServiceHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

/**
 * Imports a service's unchanged handler module; it reads and validates its configuration
 * at import, so the caller puts the service's environment in place first.
 *
 * @example
 * Object.assign(process.env, handlerEnvFromStack(stack, 'resize'));
 * const handler = await loadServiceHandler('resize');
 */
export async function loadServiceHandler(name: ServiceJobName): Promise<ServiceHandler> {
  const { handler } = await loadAppModule<{ handler: ServiceHandler }>(
    `apps/${name}-service/src/handler.ts`,
    ['handler'],
  );
  return handler;
}

function totalBytes(outputs: readonly { body: Buffer }[]): number {
  return outputs.reduce((sum, output) => sum + output.body.length, 0);
}
