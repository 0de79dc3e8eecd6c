import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  DynamoImageRecords,
  createDynamoDbDocumentClient,
  createS3Client,
  devToken,
} from '@imgpipe/aws';
import type { UploadApi } from './api-upload';
import { uploadThroughApi } from './api-upload';
import type { CommandSpec, ParsedArgs } from './args';
import { flagOption, integerOption, stringOption } from './args';
import { describeAwsError } from './aws-errors';
import type { CliIo } from './cli-io';
import { CliError, EXIT, UsageError } from './cli-io';
import { defineCommand } from './command';
import { contentTypeFor } from './content-type';
import { mapWithConcurrency } from './concurrency';
import type { LocalFile } from './file-discovery';
import { discoverFiles, duplicateKey } from './file-discovery';
import { TARGET_OPTIONS } from './target-choice';
import type { Target } from './target';
import { requireResource } from './target';
import { UploadReport, reportMode } from './upload-report';
import { waitForProcessing } from './wait-for-processing';

/** The `upload` command line. */
export const UPLOAD_SPEC: CommandSpec = {
  name: 'upload',
  summary: 'upload images to the source bucket',
  operands: '<file or folder...>',
  minOperands: 1,
  description: [
    'Uploads files, and folders recursively (hidden files skipped), to the source bucket.',
    'A file in a folder is keyed by its path relative to that folder; a file given directly,',
    'by its name. Spaces, "+" and non-ASCII characters are kept exactly as they are.',
    '',
    'With --api each file goes through the upload API instead: POST /uploads hands out a',
    'presigned POST, and S3 enforces its policy (size, content type). The API chooses the key,',
    "<owner>/<unique name>.<ext>, the owner being the token's subject. Locally --owner stands",
    'in for a token (a development identity); without either the owner is local-user.',
    '',
    'Exit status: 0 all uploaded (and, with --wait, processed); 1 a file failed, an image was',
    'rejected or the wait timed out; 2 a mistake in the command line.',
  ].join('\n'),
  groups: [
    {
      title: 'Upload',
      options: {
        prefix: {
          type: 'string',
          value: '<text>',
          description: 'Put before every key, verbatim: end it with / for a folder',
        },
        owner: {
          type: 'string',
          value: '<id>',
          description: 'Owner id, sent as x-amz-meta-owner (with --api, locally: the caller)',
        },
        api: {
          type: 'boolean',
          description: 'Upload through the upload API (presigned POST), as the browser page does',
        },
        token: {
          type: 'string',
          value: '<jwt>',
          description:
            'With --api, the bearer token whose subject owns the uploads ($IMGPIPE_TOKEN)',
        },
        concurrency: {
          type: 'string',
          value: '<n>',
          description: 'Uploads in flight at once (default: 4)',
        },
        json: {
          type: 'boolean',
          description: 'Print one JSON document with every result, and no progress',
        },
      },
    },
    {
      title: 'Waiting for processing',
      options: {
        wait: {
          type: 'boolean',
          description: 'After uploading, wait until every stage of each image has ended',
        },
        timeout: {
          type: 'string',
          value: '<seconds>',
          description: 'Give up waiting after this long (default: 300)',
        },
      },
    },
    TARGET_OPTIONS,
  ],
  examples: [
    'imgpipe upload photo.jpg',
    'imgpipe upload ./holiday --prefix "albums/2024 summer/" --owner alice',
    'imgpipe upload ./holiday --wait --timeout 120',
    'imgpipe upload ./scans --concurrency 8 --json > result.json',
    'imgpipe upload photo.jpg --profile prod-admin --stage prod',
    'imgpipe upload ./holiday --api --owner alice --wait',
    'IMGPIPE_TOKEN=eyJ… imgpipe upload photo.jpg --api --aws --stage prod',
  ],
};

const POLL_INTERVAL_MS = 1000;

/**
 * `imgpipe upload`: uploads files and folders with bounded concurrency, reporting each,
 * and with `--wait` follows each image through the pipeline.
 *
 * @example
 * const code = await uploadCommand.run(['./photos', '--owner', 'alice'], processIo());
 */
export const uploadCommand = defineCommand(UPLOAD_SPEC, async (context) => {
  const { args, io } = context;
  const concurrency = integerOption(
    args,
    'concurrency',
    { fallback: 4, min: 1, max: 64 },
    'upload',
  );
  const timeoutMs =
    integerOption(args, 'timeout', { fallback: 300, min: 1, max: 86_400 }, 'upload') * 1000;
  const owner = stringOption(args, 'owner');
  // S3 user metadata travels as an HTTP header: anything but printable ASCII is mangled.
  if (owner !== undefined && !/^[\x20-\x7e]+$/.test(owner)) {
    throw new UsageError(
      '--owner must be printable ASCII (it is sent as the x-amz-meta-owner header)',
      'upload',
    );
  }
  const wait = flagOption(args, 'wait');
  const choice = context.choose();
  const token = stringOption(args, 'token') ?? io.env['IMGPIPE_TOKEN'];
  const viaApi = flagOption(args, 'api');
  if (viaApi) checkApiOptions(args, choice.kind === 'local', token);

  const { files, problems } = await discoverFiles(
    args.operands,
    stringOption(args, 'prefix') ?? '',
    io.cwd,
  );
  const duplicate = duplicateKey(files);
  if (duplicate) {
    throw new UsageError(
      `${duplicate.paths[0]} and ${duplicate.paths[1]} would both upload to key "${duplicate.key}"`,
      'upload',
    );
  }
  if (files.length === 0 && problems.length === 0) {
    throw new CliError(
      'nothing to upload: the folders given hold no files (hidden files are skipped)',
    );
  }

  const target = await context.target(choice);
  const bucket = requireResource(target, 'sourceBucket');
  const table = wait ? requireResource(target, 'table') : undefined;
  const report = new UploadReport(io, reportMode(io, flagOption(args, 'json')), {
    bucket,
    target: target.label,
  });
  problems.forEach((problem) => report.problem(problem));

  const api: UploadApi | undefined = viaApi
    ? {
        url: requireResource(target, 'uploadApi'),
        ...(token !== undefined
          ? { token }
          : owner !== undefined
            ? { token: devToken(owner) }
            : {}),
      }
    : undefined;
  const send = sender(createS3Client(target.config), bucket, owner, api);
  report.begin(files);
  // Each result is `{ key, eTag }` once tried (undefined eTag: it failed); unstarted ones stay undefined.
  const results = await mapWithConcurrency(
    files,
    concurrency,
    async (file) => {
      try {
        const sent = await send(file);
        report.uploaded({ ...file, key: sent.key }, sent.eTag);
        return sent;
      } catch (error) {
        report.failed(file, describeAwsError(error, target));
        return { key: file.key, eTag: undefined };
      }
    },
    io.signal,
  );
  report.uploadsEnded(results.filter((result) => result === undefined).length);

  let failed = problems.length > 0 || results.some((result) => result?.eTag === undefined);
  if (wait && table !== undefined && !io.signal.aborted) {
    const uploaded = results.flatMap((result) =>
      result?.eTag !== undefined ? [{ key: result.key, eTag: result.eTag }] : [],
    );
    const ended = await waitFor(uploaded, target, table, timeoutMs, report, io);
    failed ||= ended.some((result) => result.state !== 'done');
  }
  report.finish();
  if (io.signal.aborted) return EXIT.interrupted;
  return failed ? EXIT.failure : EXIT.ok;
});

/** The options --api cannot be combined with, refused before any upload. */
function checkApiOptions(args: ParsedArgs, local: boolean, token: string | undefined): void {
  if (stringOption(args, 'prefix') !== undefined)
    throw new UsageError('--prefix does not apply with --api: the API chooses each key', 'upload');
  if (!local && stringOption(args, 'owner') !== undefined)
    throw new UsageError(
      "--owner does not apply with --api on AWS: the owner is the token's subject (--token)",
      'upload',
    );
  if (!local && token === undefined)
    throw new UsageError('--api on AWS needs a token: --token <jwt> or $IMGPIPE_TOKEN', 'upload');
}

/** Sends one file straight to the bucket, or through the upload API when one is given. */
function sender(
  s3: S3Client,
  bucket: string,
  owner: string | undefined,
  api: UploadApi | undefined,
): (file: LocalFile) => Promise<{ key: string; eTag: string }> {
  if (api === undefined)
    return async (file) => ({ key: file.key, eTag: await putFile(s3, bucket, file, owner) });
  return async (file) => {
    const bytes = await readFile(file.absolutePath);
    const name = basename(file.path);
    return uploadThroughApi({ name, contentType: contentTypeFor(file.key), bytes }, api);
  };
}

async function putFile(
  s3: S3Client,
  bucket: string,
  file: LocalFile,
  owner: string | undefined,
): Promise<string> {
  // A whole buffer, not a stream: the SDK can then retry a failed attempt by itself.
  const body = await readFile(file.absolutePath);
  const out = await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: file.key,
      Body: body,
      ContentLength: body.length,
      ContentType: contentTypeFor(file.key),
      ...(owner !== undefined ? { Metadata: { owner } } : {}),
    }),
  );
  return out.ETag ?? '';
}

async function waitFor(
  uploaded: { key: string; eTag: string }[],
  target: Target,
  table: string,
  timeoutMs: number,
  report: UploadReport,
  io: CliIo,
) {
  if (uploaded.length === 0) return [];
  const records = new DynamoImageRecords(createDynamoDbDocumentClient(target.config), table);
  report.waitBegin(uploaded.length, timeoutMs);
  try {
    const results = await waitForProcessing(
      uploaded,
      {
        getRecord: (key) => records.get(key),
        now: Date.now,
        sleep: (ms, signal) =>
          delay(ms, undefined, signal ? { signal } : {}).catch(() => undefined),
        onProgress: (progress) => report.waitProgress(progress),
        onEnded: (result) => report.imageEnded(result),
      },
      { timeoutMs, intervalMs: POLL_INTERVAL_MS, signal: io.signal },
    );
    report.waitEnded(results);
    return results;
  } catch (error) {
    throw new CliError(
      `reading the image table ${table} failed: ${describeAwsError(error, target)}`,
    );
  }
}
