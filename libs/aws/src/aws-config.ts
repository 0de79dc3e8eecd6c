/** The services imgpipe talks to. */
export type AwsServiceName = 's3' | 'sns' | 'sqs' | 'dynamodb';

/** Everything needed to build clients, on AWS or against the local stack. */
export interface AwsClientConfig {
  readonly region: string;
  /** Endpoint overrides; set only for the local stack. */
  readonly endpoints: Readonly<Partial<Record<AwsServiceName, string>>>;
  /** Static credentials; absent on AWS, where the default provider chain applies. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** The environment variable that overrides each service's endpoint (the SDK's own names). */
export const ENDPOINT_ENV: Readonly<Record<AwsServiceName, string>> = {
  s3: 'AWS_ENDPOINT_URL_S3',
  sns: 'AWS_ENDPOINT_URL_SNS',
  sqs: 'AWS_ENDPOINT_URL_SQS',
  dynamodb: 'AWS_ENDPOINT_URL_DYNAMODB',
};

/**
 * Reads the client configuration from the environment: `AWS_REGION` (default
 * `us-east-1`) and the SDK's per-service endpoint variables (`AWS_ENDPOINT_URL_S3`, …);
 * with an endpoint set, also the key pair in `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`.
 *
 * @example
 * const config = awsConfigFromEnv(process.env);
 * const s3 = createS3Client(config);
 */
export function awsConfigFromEnv(env: NodeJS.ProcessEnv): AwsClientConfig {
  const endpoints: Partial<Record<AwsServiceName, string>> = {};
  for (const [service, name] of Object.entries(ENDPOINT_ENV) as [AwsServiceName, string][]) {
    const value = env[name];
    if (value) endpoints[service] = value;
  }
  const region = env['AWS_REGION'] ?? env['AWS_DEFAULT_REGION'] ?? 'us-east-1';
  const accessKeyId = env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
  // Against the local stack several functions share one process, so each keeps the key it
  // started with. On AWS (no endpoint overrides) the SDK's credential chain applies as ever.
  const local = Object.keys(endpoints).length > 0 && accessKeyId && secretAccessKey;
  return {
    region,
    endpoints,
    ...(local ? { credentials: { accessKeyId, secretAccessKey } } : {}),
  };
}
