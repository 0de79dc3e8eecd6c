import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AwsClientConfig, AwsServiceName } from './aws-config';

function common(config: AwsClientConfig, service: AwsServiceName) {
  const endpoint = config.endpoints[service];
  return {
    region: config.region,
    ...(endpoint ? { endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
  };
}

/**
 * An S3 client. Against a local endpoint it uses path-style addressing and sends
 * checksums only when required: s3rver stores the SDK's default CRC32 aws-chunked
 * framing as part of a streamed body.
 *
 * @example
 * const s3 = createS3Client(awsConfigFromEnv(process.env));
 */
export function createS3Client(config: AwsClientConfig): S3Client {
  const local = config.endpoints.s3 !== undefined;
  return new S3Client({
    ...common(config, 's3'),
    ...(local
      ? {
          forcePathStyle: true,
          requestChecksumCalculation: 'WHEN_REQUIRED',
          responseChecksumValidation: 'WHEN_REQUIRED',
        }
      : {}),
  });
}

/**
 * An SNS client.
 *
 * @example
 * const sns = createSnsClient(config);
 */
export function createSnsClient(config: AwsClientConfig): SNSClient {
  return new SNSClient(common(config, 'sns'));
}

/**
 * An SQS client.
 *
 * @example
 * const sqs = createSqsClient(config);
 */
export function createSqsClient(config: AwsClientConfig): SQSClient {
  return new SQSClient(common(config, 'sqs'));
}

/**
 * A DynamoDB document client that drops `undefined` attributes instead of failing.
 *
 * @example
 * const db = createDynamoDbDocumentClient(config);
 */
export function createDynamoDbDocumentClient(config: AwsClientConfig): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(common(config, 'dynamodb')), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: true },
  });
}
