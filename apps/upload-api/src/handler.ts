import { awsConfigFromEnv, createDynamoDbDocumentClient, createS3Client } from '@imgpipe/aws';
import { createObservability } from '@imgpipe/observability';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
} from 'aws-lambda';
import { awsPorts } from './aws-ports';
import { loadUploadApiConfig } from './config';
import { errorResult } from './http-responses';
import { handleRequest } from './upload-api';

// Built once per cold start and reused by every invocation of this container.
const config = loadUploadApiConfig(process.env);
const { logger, captureClient } = createObservability('upload-api');
const aws = awsConfigFromEnv(process.env);
const ports = awsPorts({
  s3: captureClient(createS3Client(aws)),
  db: captureClient(createDynamoDbDocumentClient(aws)),
  sourceBucket: config.sourceBucket,
  processedBucket: config.processedBucket,
  tableName: config.tableName,
});

/** Lambda entry point for the HTTP API's routes (payload format 2.0, JWT authorizer). */
export async function handler(
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
): Promise<APIGatewayProxyStructuredResultV2> {
  const requestId = event.requestContext.requestId;
  try {
    const result = await handleRequest(event, ports, config);
    logger.info('request', { route: event.routeKey, status: result.statusCode, requestId });
    return result;
  } catch (error) {
    logger.error('request failed', { route: event.routeKey, requestId, error });
    return errorResult('internal', 'the request failed; try again');
  }
}
