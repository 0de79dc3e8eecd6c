import { readFileSync } from 'node:fs';
import type { ServiceName } from '@imgpipe/registry';
import type { AwsClientConfig } from './aws-config';

/** An access key pair. */
export interface AccessKey {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

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
  /** The administrator's key pair (any S3 client; tests' arrange steps), allowed everything. */
  readonly credentials: AccessKey;
  /**
   * The key pair of each principal the stack enforces IAM for: `operator` (the CLI),
   * `notifier` (S3 events) and `<service>-service`, each held to its own policy.
   */
  readonly principals: Readonly<Record<string, AccessKey>>;
  readonly endpoints: {
    readonly s3: string;
    readonly sns: string;
    readonly sqs: string;
    readonly dynamodb: string;
  };
  readonly buckets: { readonly source: string; readonly processed: string };
  readonly topicArn: string;
  readonly table: string;
  readonly queues: Readonly<Record<ServiceName, QueuePair>>;
  /** The upload API's base URL (`POST /uploads`, `GET /images`), once the stack serves it. */
  readonly uploadApi?: string;
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
 * Client configuration for talking to a running local stack, as its administrator or as
 * one of its principals (whose calls the stack holds to that principal's IAM policy).
 *
 * @throws Error naming the principal when the stack has none of that name.
 * @example
 * const s3 = createS3Client(awsConfigFromStack(readStackDescription(file)));
 * const cli = awsConfigFromStack(stack, 'operator');
 */
export function awsConfigFromStack(stack: StackDescription, principal?: string): AwsClientConfig {
  const key = principal === undefined ? stack.credentials : stack.principals[principal];
  if (key === undefined) throw new Error(`the local stack has no principal named ${principal}`);
  return {
    region: stack.region,
    endpoints: { ...stack.endpoints },
    credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
  };
}

/**
 * The environment a service handler needs to run against the local stack, in the names
 * its config reads on AWS as well, with the service's own key pair (its calls are held to
 * the policy its stack grants on AWS).
 *
 * @example
 * Object.assign(process.env, handlerEnvFromStack(stack, 'resize'));
 */
export function handlerEnvFromStack(
  stack: StackDescription,
  service: string,
): Record<string, string> {
  const key = awsConfigFromStack(stack, `${service}-service`).credentials;
  return {
    AWS_REGION: stack.region,
    AWS_ACCESS_KEY_ID: key?.accessKeyId ?? '',
    AWS_SECRET_ACCESS_KEY: key?.secretAccessKey ?? '',
    AWS_ENDPOINT_URL_S3: stack.endpoints.s3,
    AWS_ENDPOINT_URL_SNS: stack.endpoints.sns,
    AWS_ENDPOINT_URL_SQS: stack.endpoints.sqs,
    AWS_ENDPOINT_URL_DYNAMODB: stack.endpoints.dynamodb,
    PROCESSED_BUCKET: stack.buckets.processed,
    IMAGE_TABLE: stack.table,
  };
}
