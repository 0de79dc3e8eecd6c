/**
 * Every physical name imgpipe gives an AWS resource or SSM parameter, in one place, so the
 * platform dashboard, the service stacks, the `imgpipe` CLI and the local stack agree
 * without stack exports.
 */

/**
 * SSM parameter names of one stage; the platform stack writes the shared ones, each
 * service stack writes its own.
 *
 * @example
 * ssmNames('prod').sourceBucketName; // '/imgpipe/prod/source-bucket-name'
 * ssmNames('prod').service('resize-service').dlqUrl; // '/imgpipe/prod/resize-service/dlq-url'
 */
export function ssmNames(stage: string) {
  const prefix = `/imgpipe/${stage}`;
  return {
    /** Every parameter of the stage lives under this path. */
    prefix,
    sourceBucketName: `${prefix}/source-bucket-name`,
    processedBucketName: `${prefix}/processed-bucket-name`,
    imageTableName: `${prefix}/image-table-name`,
    uploadTopicArn: `${prefix}/upload-topic-arn`,
    alarmTopicArn: `${prefix}/alarm-topic-arn`,
    dashboardName: `${prefix}/dashboard-name`,
    service: (project: string) => ({
      queueUrl: `${prefix}/${project}/queue-url`,
      queueArn: `${prefix}/${project}/queue-arn`,
      dlqUrl: `${prefix}/${project}/dlq-url`,
      dlqArn: `${prefix}/${project}/dlq-arn`,
      functionName: `${prefix}/${project}/function-name`,
      /** HTTP services only: the API's invoke URL. */
      apiUrl: `${prefix}/${project}/api-url`,
    }),
  };
}

/**
 * Physical names of one service's queue, DLQ and function. Fixed names let the platform
 * dashboard chart a service it does not deploy.
 *
 * @example
 * serviceResourceNames('prod', 'resize').queueName; // 'imgpipe-prod-resize-queue'
 */
export function serviceResourceNames(stage: string, shortName: string) {
  const prefix = `imgpipe-${stage}-${shortName}`;
  return {
    queueName: `${prefix}-queue`,
    dlqName: `${prefix}-dlq`,
    functionName: `${prefix}-service`,
  };
}

/**
 * CloudFormation stack names; `nx run <project>:deploy` selects its stack by these.
 *
 * @example
 * stackNames('prod').service('resize-service'); // 'imgpipe-prod-resize-service'
 */
export function stackNames(stage: string) {
  return {
    platform: `imgpipe-${stage}-platform`,
    service: (project: string) => `imgpipe-${stage}-${project}`,
  };
}

/**
 * The dashboard's name.
 *
 * @example
 * dashboardName('prod'); // 'imgpipe-prod'
 */
export function dashboardName(stage: string): string {
  return `imgpipe-${stage}`;
}

/**
 * The managed policy the platform stack publishes for the people who run the CLI.
 *
 * @example
 * operatorPolicyName('prod'); // 'imgpipe-prod-operator'
 */
export function operatorPolicyName(stage: string): string {
  return `imgpipe-${stage}-operator`;
}
