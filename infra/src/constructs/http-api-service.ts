import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer, HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Role } from 'aws-cdk-lib/aws-iam';
import type { Code, Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, LogGroup, MetricFilter, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { HttpService } from '@imgpipe/registry';
import { METRICS_NAMESPACE, UPLOAD_API_ENV } from '@imgpipe/registry';
import type { HttpAuth, HttpServiceSettings } from '../http-settings';
import { httpApiNames } from './http-api-names';
import { addRegistryGrants } from './registry-grants';
import { serviceFunction } from './service-function';

export interface HttpApiServiceProps {
  readonly stage: string;
  readonly service: HttpService;
  /** The packaged handler folder (`index.js`). */
  readonly code: Code;
  /** Auth and CORS for this stage (`infra/cdk.json`, see `http-settings.ts`). */
  readonly settings: HttpServiceSettings;
  readonly sourceBucket: IBucket;
  readonly processedBucket: IBucket;
  readonly table: ITable;
}

/**
 * One route of the registry as API Gateway takes it.
 *
 * @throws Error for anything but `<METHOD> /<path>` with a method API Gateway knows.
 * @example
 * parseRouteKey('GET /images/{id}'); // { method: HttpMethod.GET, path: '/images/{id}' }
 */
export function parseRouteKey(routeKey: string): { method: HttpMethod; path: string } {
  const match = /^([A-Z]+) (\/\S*)$/.exec(routeKey);
  const method = Object.values(HttpMethod).find((known) => known === match?.[1]);
  if (!match?.[2] || method === undefined) {
    throw new Error(`route "${routeKey}" is not "<METHOD> /<path>"`);
  }
  return { method, path: match[2] };
}

/** The distinct methods of the routes, as CORS preflight answers them. */
function corsMethods(methods: readonly HttpMethod[]): CorsHttpMethod[] {
  return Object.values(CorsHttpMethod).filter((cors) =>
    methods.some((method) => String(method) === String(cors)),
  );
}

/** The metric the access log's 429 lines make, namespace `imgpipe`, dimension `service`. */
export const API_THROTTLED_METRIC = 'ApiThrottledRequests';

/** Fields of each access log line (JSON, one object per request). */
const accessLogFields = (project: string) => ({
  // A literal, so the throttle metric filter can carry the `service` dimension EMF metrics use.
  service: project,
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integration.latency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  // The owner a JWT named (empty under IAM authorization, which logs the principal instead).
  sub: '$context.authorizer.claims.sub',
  principal: '$context.identity.userArn',
});

/** Headers a browser may send: the bearer token, JSON bodies, and SigV4's own under IAM. */
const CORS_HEADERS: Record<HttpAuth['type'], string[]> = {
  jwt: ['authorization', 'content-type'],
  iam: [
    'authorization',
    'content-type',
    'x-amz-date',
    'x-amz-security-token',
    'x-amz-content-sha256',
  ],
};

/**
 * An HTTP service: an API Gateway HTTP API whose every route (from the registry) needs an
 * authenticated caller — a JWT from the configured issuer (the owner is its `sub`) or, as the
 * configured alternative, a SigV4-signed IAM principal — and one Lambda function behind it
 * with only the registry's grants. Stage throttling from the registry, JSON access logs,
 * CORS for the configured origins.
 *
 * @example
 * const api = new HttpApiService(this, 'Service', {
 *   stage: 'prod', service: httpServiceNamed('upload-api'), code, settings,
 *   sourceBucket, processedBucket, table,
 * });
 * api.stage.url;
 */
export class HttpApiService extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly function: LambdaFunction;
  readonly role: Role;
  readonly accessLogs: LogGroup;
  /** Requests the stage throttling refused (429), from the access log. */
  readonly throttledRequests: IMetric;

  constructor(scope: Construct, id: string, props: HttpApiServiceProps) {
    super(scope, id);
    const { service, settings } = props;
    const names = httpApiNames(props.stage, service.name);

    const { fn, role } = serviceFunction(this, {
      stage: props.stage,
      service,
      functionName: names.functionName,
      code: props.code,
      environment: {
        [UPLOAD_API_ENV.sourceBucket]: props.sourceBucket.bucketName,
        [UPLOAD_API_ENV.processedBucket]: props.processedBucket.bucketName,
        [UPLOAD_API_ENV.table]: props.table.tableName,
        [UPLOAD_API_ENV.corsOrigins]: settings.corsOrigins.join(','),
      },
    });
    this.function = fn;
    this.role = role;

    const routes = service.routes.map(parseRouteKey);
    this.api = new HttpApi(this, 'Api', {
      apiName: names.apiName,
      description: `imgpipe ${props.stage} ${service.project}`,
      // The stage below carries throttling and access logs, which the default one cannot.
      createDefaultStage: false,
      ...(settings.corsOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: settings.corsOrigins,
              allowMethods: corsMethods(routes.map((route) => route.method)),
              allowHeaders: CORS_HEADERS[settings.auth.type],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    const integration = new HttpLambdaIntegration('Handler', this.function);
    const authorizer = this.authorizer(settings.auth, names.apiName);
    for (const route of routes) {
      this.api.addRoutes({ path: route.path, methods: [route.method], integration, authorizer });
    }

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      logGroupName: names.accessLogGroupName,
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.api,
      autoDeploy: true,
      throttle: { ...service.throttle },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields(service.project))),
      },
    });
    // HTTP APIs publish no throttle metric (a 429 is counted among the 4xx), so it is counted
    // from the access log.
    const throttled = new MetricFilter(this, 'ThrottledRequests', {
      logGroup: this.accessLogs,
      filterPattern: FilterPattern.stringValue('$.status', '=', '429'),
      metricNamespace: METRICS_NAMESPACE,
      metricName: API_THROTTLED_METRIC,
      metricValue: '1',
      dimensions: { service: '$.service' },
    });
    // metric() leaves the filter's dimensions out; its data points carry service=<project>.
    this.throttledRequests = throttled.metric({
      statistic: 'Sum',
      period: Duration.minutes(5),
      dimensionsMap: { service: service.project },
    });

    addRegistryGrants(this.role, service.grants, props);
  }

  private authorizer(auth: HttpAuth, apiName: string): IHttpRouteAuthorizer {
    return auth.type === 'jwt'
      ? new HttpJwtAuthorizer('Jwt', auth.issuer, {
          authorizerName: `${apiName}-jwt`,
          jwtAudience: auth.audience,
        })
      : new HttpIamAuthorizer();
  }
}
