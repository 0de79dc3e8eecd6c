import { readFileSync } from 'node:fs';
import type { AwsClientConfig } from './aws-config';

/** One service's queue pair in the local stack. */
export interface QueuePair {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  readonly dlqName: string;
  readonly dlqUrl: string;
  readonly dlqArn: string;
}

/**
 * What the local stack writes to `.imgpipe/stack.json` when it is up: every endpoint,
 * credential and resource name, so scripts and any S3 client can find it.
 */
export interface StackDescription {
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly endpoints: {
    readonly s3: string;
    readonly sns: string;
    readonly sqs: string;
    readonly dynamodb: string;
  };
  readonly buckets: { readonly source: string; readonly processed: string };
  readonly topicArn: string;
  readonly table: string;
  readonly queues: Readonly<Record<'resize' | 'watermark' | 'metadata', QueuePair>>;
  readonly dataDir: string;
  readonly pid: number;
  readonly startedAt: string;
}

/**
 * Reads a stack description written by the local stack.
 *
 * @throws Error naming the file when it is missing (the stack is not running).
 * @example
 * const stack = readStackDescription('.imgpipe/stack.json');
 */
export function readStackDescription(file: string): StackDescription {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(
      `no local stack description at ${file}: start the stack with \`npm start\` first`,
    );
  }
  return JSON.parse(text) as StackDescription;
}

/**
 * Client configuration for talking to a running local stack.
 *
 * @example
 * const s3 = createS3Client(awsConfigFromStack(readStackDescription(file)));
 */
export function awsConfigFromStack(stack: StackDescription): AwsClientConfig {
  return {
    region: stack.region,
    endpoints: { ...stack.endpoints },
    credentials: { ...stack.credentials },
  };
}

/**
 * The environment a service handler needs to run against the local stack, in the names
 * its config reads on AWS as well.
 *
 * @example
 * Object.assign(process.env, handlerEnvFromStack(stack));
 */
export function handlerEnvFromStack(stack: StackDescription): Record<string, string> {
  return {
    AWS_REGION: stack.region,
    AWS_ACCESS_KEY_ID: stack.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: stack.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_S3: stack.endpoints.s3,
    AWS_ENDPOINT_URL_SNS: stack.endpoints.sns,
    AWS_ENDPOINT_URL_SQS: stack.endpoints.sqs,
    AWS_ENDPOINT_URL_DYNAMODB: stack.endpoints.dynamodb,
    PROCESSED_BUCKET: stack.buckets.processed,
    IMAGE_TABLE: stack.table,
  };
}
