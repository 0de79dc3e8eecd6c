import type { Template } from 'aws-cdk-lib/assertions';
import { Match } from 'aws-cdk-lib/assertions';
import type { ResourceRef } from '@imgpipe/registry';
import { grantStatements, HTTP_SERVICES, imageLimitsEnv, ssmNames } from '@imgpipe/registry';
import { httpApiNames } from '../constructs/http-api-names';
import { API_THROTTLED_METRIC } from '../constructs/http-api-service';
import { HTTP_SETTINGS_CONTEXT } from '../http-settings';
import { present, synthTemplates, TEST_STAGE } from '../test-app';
import {
  allowStatementsOfRole,
  logicalIdOf,
  propertiesOf,
  ssmParameterRef,
  templateArnOf,
} from '../template-queries';

const ISSUER = 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example';
const AUDIENCE = ['imgpipe-web-client'];
const ORIGINS = ['https://images.example.com', 'http://localhost:5173'];

const contextFor = (project: string, settings: unknown) => ({
  [HTTP_SETTINGS_CONTEXT]: { [TEST_STAGE]: { [project]: settings } },
});

describe.each(HTTP_SERVICES.map((service) => [service.project, service] as const))(
  'HttpServiceStack for %s',
  (project, service) => {
    const names = httpApiNames(TEST_STAGE, service.name);
    let template: Template;
    let iamTemplate: Template;
    let api: string;
    let fn: string;

    beforeAll(() => {
      template = present(
        synthTemplates(
          { only: [project] },
          contextFor(project, {
            auth: { type: 'jwt', issuer: ISSUER, audience: AUDIENCE },
            corsOrigins: ORIGINS,
          }),
        ).services.get(project),
        `${project} template`,
      );
      // No settings for the stage: the closed default, IAM authorization and no CORS.
      iamTemplate = present(
        synthTemplates({ only: [project] }).services.get(project),
        `${project} template (IAM)`,
      );
      api = logicalIdOf(template, 'AWS::ApiGatewayV2::Api');
      fn = logicalIdOf(template, 'AWS::Lambda::Function');
    });

    it('given the registry routes, then each is a route to the function behind the JWT authorizer', () => {
      const authorizer = logicalIdOf(template, 'AWS::ApiGatewayV2::Authorizer');
      const integration = logicalIdOf(template, 'AWS::ApiGatewayV2::Integration', {
        Properties: {
          IntegrationType: 'AWS_PROXY',
          IntegrationUri: { 'Fn::GetAtt': [fn, 'Arn'] },
          PayloadFormatVersion: '2.0',
        },
      });
      const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map(
        (route) => route['Properties'],
      );

      expect(routes.map((route) => route.RouteKey).sort()).toEqual([...service.routes].sort());
      for (const route of routes) {
        expect(route).toEqual({
          ApiId: { Ref: api },
          RouteKey: route.RouteKey,
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: authorizer },
          Target: { 'Fn::Join': ['', ['integrations/', { Ref: integration }]] },
        });
      }
    });

    it('given the JWT settings, then the authorizer checks the configured issuer and audience on the bearer token', () => {
      template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
      template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        ApiId: { Ref: api },
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: { Issuer: ISSUER, Audience: AUDIENCE },
      });
    });

    it('given no settings for the stage, then every route needs IAM authorization and no origin is allowed', () => {
      const routes = Object.values(iamTemplate.findResources('AWS::ApiGatewayV2::Route'));

      expect(routes).toHaveLength(service.routes.length);
      for (const route of routes) {
        expect(route['Properties'].AuthorizationType).toBe('AWS_IAM');
      }
      iamTemplate.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 0);
      const iamApi = logicalIdOf(iamTemplate, 'AWS::ApiGatewayV2::Api');
      expect(
        propertiesOf(iamTemplate, 'AWS::ApiGatewayV2::Api', iamApi)['CorsConfiguration'],
      ).toBeUndefined();
      iamTemplate.hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: { CORS_ALLOWED_ORIGINS: '' } },
      });
    });

    it('given configured origins, then CORS preflight allows exactly them, the route methods and the token header', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        Name: names.apiName,
        ProtocolType: 'HTTP',
        CorsConfiguration: {
          AllowOrigins: ORIGINS,
          AllowMethods: [...new Set(service.routes.map((route) => route.split(' ')[0]))].sort(),
          AllowHeaders: ['authorization', 'content-type'],
          MaxAge: 3600,
        },
      });
    });

    it('given the stage, then it is the auto-deployed default stage, throttled by the registry and logging every request as JSON', () => {
      const accessLogs = logicalIdOf(template, 'AWS::Logs::LogGroup', {
        Properties: { LogGroupName: names.accessLogGroupName },
      });
      template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        ApiId: { Ref: api },
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: {
          ThrottlingRateLimit: service.throttle.rateLimit,
          ThrottlingBurstLimit: service.throttle.burstLimit,
        },
        AccessLogSettings: {
          DestinationArn: { 'Fn::GetAtt': [accessLogs, 'Arn'] },
          Format: Match.anyValue(),
        },
      });
      const stage = propertiesOf(
        template,
        'AWS::ApiGatewayV2::Stage',
        logicalIdOf(template, 'AWS::ApiGatewayV2::Stage'),
      );
      const format = JSON.parse(
        String((stage['AccessLogSettings'] as { Format: string }).Format),
      ) as Record<string, string>;
      expect(format).toEqual(
        expect.objectContaining({
          service: project,
          requestId: '$context.requestId',
          routeKey: '$context.routeKey',
          status: '$context.status',
          responseLatency: '$context.responseLatency',
          sub: '$context.authorizer.claims.sub',
        }),
      );
      expect(propertiesOf(template, 'AWS::Logs::LogGroup', accessLogs)['RetentionInDays']).toBe(90);
    });

    it("given the access log, then its 429 lines count as the service's throttled requests", () => {
      template.hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: {
          Ref: logicalIdOf(template, 'AWS::Logs::LogGroup', {
            Properties: { LogGroupName: names.accessLogGroupName },
          }),
        },
        FilterPattern: '{ $.status = "429" }',
        MetricTransformations: [
          {
            MetricNamespace: 'imgpipe',
            MetricName: API_THROTTLED_METRIC,
            MetricValue: '1',
            Dimensions: [{ Key: 'service', Value: '$.service' }],
          },
        ],
      });
    });

    it('given the function, then it runs nodejs22.x on arm64 with its registry sizing and the resource names from SSM', () => {
      const ssm = ssmNames(TEST_STAGE);
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: names.functionName,
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: service.memorySize,
        Timeout: service.timeoutSeconds,
        TracingConfig: { Mode: 'Active' },
        Environment: {
          Variables: {
            SOURCE_BUCKET: ssmParameterRef(template, ssm.sourceBucketName),
            PROCESSED_BUCKET: ssmParameterRef(template, ssm.processedBucketName),
            IMAGE_TABLE: ssmParameterRef(template, ssm.imageTableName),
            CORS_ALLOWED_ORIGINS: ORIGINS.join(','),
            ...imageLimitsEnv(),
            POWERTOOLS_SERVICE_NAME: project,
            POWERTOOLS_METRICS_NAMESPACE: 'imgpipe',
          },
        },
      });
    });

    it('given the function, then only this API may invoke it', () => {
      const permissions = Object.values(template.findResources('AWS::Lambda::Permission'));

      expect(permissions.length).toBe(service.routes.length);
      for (const permission of permissions) {
        expect(permission['Properties']).toEqual(
          expect.objectContaining({
            Action: 'lambda:InvokeFunction',
            FunctionName: { 'Fn::GetAtt': [fn, 'Arn'] },
            Principal: 'apigateway.amazonaws.com',
          }),
        );
        expect(JSON.stringify(permission['Properties'].SourceArn)).toContain(
          JSON.stringify({ Ref: api }),
        );
      }
    });

    it('given the function role, then it holds exactly the registry grants plus its logs and X-Ray', () => {
      const role = logicalIdOf(template, 'AWS::IAM::Role');
      const arnOf = (ref: ResourceRef) => templateArnOf(template, TEST_STAGE, ref);
      const expected = [
        {
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resource: {
            'Fn::GetAtt': [
              logicalIdOf(template, 'AWS::Logs::LogGroup', {
                Properties: { LogGroupName: Match.absent() },
              }),
              'Arn',
            ],
          },
        },
        { actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resource: '*' },
        ...grantStatements(service.grants, arnOf).map((statement) => ({
          actions: statement.Action,
          resource: statement.Resource.length === 1 ? statement.Resource[0] : statement.Resource,
        })),
      ];

      expect(allowStatementsOfRole(template, role)).toEqual(expected);
      expect(propertiesOf(template, 'AWS::IAM::Role', role)['ManagedPolicyArns']).toBeUndefined();
    });

    it('given the alarms, then 5xx answers, a high p99 latency, 429s and function throttles notify the alarm topic', () => {
      const alarmTopic = ssmParameterRef(template, ssmNames(TEST_STAGE).alarmTopicArn);
      const apiStage = [
        { Name: 'ApiId', Value: { Ref: api } },
        { Name: 'Stage', Value: '$default' },
      ];
      const expected = [
        {
          AlarmName: `${names.alarmPrefix}-5xx`,
          Namespace: 'AWS/ApiGateway',
          MetricName: '5xx',
          Dimensions: apiStage,
          Statistic: 'Sum',
          Threshold: 1,
          EvaluationPeriods: 1,
        },
        {
          AlarmName: `${names.alarmPrefix}-latency-p99`,
          Namespace: 'AWS/ApiGateway',
          MetricName: 'Latency',
          Dimensions: apiStage,
          ExtendedStatistic: 'p99',
          Threshold: service.latencyP99AlarmMs,
          EvaluationPeriods: 3,
        },
        {
          AlarmName: `${names.alarmPrefix}-api-throttled`,
          Namespace: 'imgpipe',
          MetricName: API_THROTTLED_METRIC,
          Dimensions: [{ Name: 'service', Value: project }],
          Statistic: 'Sum',
          Threshold: 1,
          EvaluationPeriods: 1,
        },
        {
          AlarmName: `${names.alarmPrefix}-function-throttles`,
          Namespace: 'AWS/Lambda',
          MetricName: 'Throttles',
          Dimensions: [{ Name: 'FunctionName', Value: { Ref: fn } }],
          Statistic: 'Sum',
          Threshold: 1,
          EvaluationPeriods: 1,
        },
      ];

      template.resourceCountIs('AWS::CloudWatch::Alarm', expected.length);
      for (const alarm of expected) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          ...alarm,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
          AlarmActions: [alarmTopic],
          OKActions: [alarmTopic],
        });
      }
    });

    it('given the stack, then the API URL and the function name are published under /imgpipe/<stage>/<project>/', () => {
      const own = ssmNames(TEST_STAGE).service(project);
      const url = Object.values(
        template.findResources('AWS::SSM::Parameter', { Properties: { Name: own.apiUrl } }),
      ).map((parameter) => JSON.stringify(parameter['Properties'].Value));
      expect(url).toHaveLength(1);
      expect(url[0]).toContain(JSON.stringify({ Ref: api }));
      template.hasResourceProperties('AWS::SSM::Parameter', {
        Name: own.functionName,
        Value: { Ref: fn },
      });
    });
  },
);
