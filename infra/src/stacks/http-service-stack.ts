import type { StackProps } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import type { Code } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import type { HttpService } from '@imgpipe/registry';
import { ssmNames } from '@imgpipe/registry';
import { platformFromSsm } from './platform-lookup';
import { HttpApiService } from '../constructs/http-api-service';
import { HttpServiceAlarms } from '../constructs/http-service-alarms';
import type { HttpServiceSettings } from '../http-settings';

export interface HttpServiceStackProps extends StackProps {
  readonly stage: string;
  readonly service: HttpService;
  readonly code: Code;
  readonly settings: HttpServiceSettings;
}

/**
 * One HTTP service, deployable alone like the queue-fed ones: platform resources are read
 * from SSM parameters at deploy time, and the API's URL and function name are written back
 * for the CLI and people.
 *
 * @example
 * new HttpServiceStack(app, 'imgpipe-prod-upload-api', {
 *   stage: 'prod', service: httpServiceNamed('upload-api'), code, settings,
 * });
 */
export class HttpServiceStack extends Stack {
  readonly httpService: HttpApiService;
  readonly service: HttpService;

  constructor(scope: Construct, id: string, props: HttpServiceStackProps) {
    super(scope, id, props);
    this.service = props.service;
    const names = ssmNames(props.stage);
    const { lookup, ...platform } = platformFromSsm(this, props.stage);

    this.httpService = new HttpApiService(this, 'Service', {
      stage: props.stage,
      service: props.service,
      code: props.code,
      settings: props.settings,
      ...platform,
    });

    new HttpServiceAlarms(this, 'Alarms', {
      stage: props.stage,
      service: props.service,
      apiStage: this.httpService.stage,
      function: this.httpService.function,
      throttledRequests: this.httpService.throttledRequests,
      alarmTopic: Topic.fromTopicArn(this, 'AlarmTopic', lookup(names.alarmTopicArn)),
    });

    const own = names.service(props.service.project);
    new StringParameter(this, 'ApiUrlParameter', {
      parameterName: own.apiUrl,
      stringValue: this.httpService.stage.url,
    });
    new StringParameter(this, 'FunctionNameParameter', {
      parameterName: own.functionName,
      stringValue: this.httpService.function.functionName,
    });
  }
}
