import type { StackProps } from 'aws-cdk-lib';
import { Stack } from 'aws-cdk-lib';
import type { Code } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import type { QueueFedService } from '@imgpipe/registry';
import { ssmNames } from '@imgpipe/registry';
import { platformFromSsm } from './platform-lookup';
import { ImageServiceAlarms } from '../constructs/image-service-alarms';
import { QueueFedImageService } from '../constructs/queue-fed-image-service';

export interface ImageServiceStackProps extends StackProps {
  readonly stage: string;
  readonly service: QueueFedService;
  readonly code: Code;
}

/**
 * One queue-fed service, deployable alone: platform resources are read from SSM parameters
 * at deploy time (no stack exports, so the platform never pins a service and vice versa),
 * and the service's own names are written back for the CLI.
 *
 * @example
 * new ImageServiceStack(app, 'imgpipe-prod-resize-service', {
 *   stage: 'prod', service: serviceNamed('resize-service'), code: Code.fromAsset(dir),
 * });
 */
export class ImageServiceStack extends Stack {
  readonly imageService: QueueFedImageService;
  readonly service: QueueFedService;

  constructor(scope: Construct, id: string, props: ImageServiceStackProps) {
    super(scope, id, props);
    this.service = props.service;
    const names = ssmNames(props.stage);
    const { lookup, ...platform } = platformFromSsm(this, props.stage);

    this.imageService = new QueueFedImageService(this, 'Service', {
      stage: props.stage,
      service: props.service,
      code: props.code,
      uploadTopic: Topic.fromTopicArn(this, 'UploadTopic', lookup(names.uploadTopicArn)),
      ...platform,
    });
    const { queue, deadLetterQueue } = this.imageService;

    new ImageServiceAlarms(this, 'Alarms', {
      stage: props.stage,
      service: props.service,
      queue,
      deadLetterQueue,
      function: this.imageService.function,
      alarmTopic: Topic.fromTopicArn(this, 'AlarmTopic', lookup(names.alarmTopicArn)),
    });

    const own = names.service(props.service.project);
    const parameters: Record<string, [name: string, value: string]> = {
      QueueUrlParameter: [own.queueUrl, queue.queueUrl],
      QueueArnParameter: [own.queueArn, queue.queueArn],
      DlqUrlParameter: [own.dlqUrl, deadLetterQueue.queueUrl],
      DlqArnParameter: [own.dlqArn, deadLetterQueue.queueArn],
      FunctionNameParameter: [own.functionName, this.imageService.function.functionName],
    };
    for (const [id, [parameterName, stringValue]] of Object.entries(parameters)) {
      new StringParameter(this, id, { parameterName, stringValue });
    }
  }
}
