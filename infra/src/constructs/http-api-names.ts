import { serviceResourceNames } from '@imgpipe/registry';

/**
 * Physical names of an HTTP service's resources. Fixed names let the platform dashboard
 * chart a service it does not deploy: the function by name, the API through its access log
 * group (HTTP API metrics carry only the generated API id).
 *
 * @example
 * httpApiNames('prod', 'upload-api').accessLogGroupName; // '/aws/vendedlogs/imgpipe-prod-upload-api-access'
 */
export function httpApiNames(stage: string, shortName: string) {
  const prefix = `imgpipe-${stage}-${shortName}`;
  return {
    apiName: prefix,
    functionName: serviceResourceNames(stage, shortName).functionName,
    // `/aws/vendedlogs/` keeps the log resource policy API Gateway's delivery needs small.
    accessLogGroupName: `/aws/vendedlogs/${prefix}-access`,
    alarmPrefix: prefix,
  };
}
