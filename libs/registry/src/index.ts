export { bucketArnSuffix, EVENT_SOURCE_ACTIONS, grantStatements, policyDocument } from './grants';
export type {
  BucketRole,
  Grant,
  NamedResourceRef,
  PolicyDocument,
  PolicyStatementOf,
  ResourceRef,
} from './grants';
export { DEFAULT_IMAGE_LIMITS, IMAGE_LIMIT_ENV, imageLimitsEnv } from './limits';
export type { ImageLimits } from './limits';
export { METRICS_NAMESPACE, MetricName } from './metrics';
export { NOTIFIER_GRANTS, OPERATOR_GRANTS } from './principals';
export { MAX_RECEIVE_COUNT, VISIBILITY_TIMEOUT_FACTOR } from './queue-settings';
export {
  dashboardName,
  operatorPolicyName,
  serviceResourceNames,
  ssmNames,
  stackNames,
} from './resource-names';
export {
  SERVICE_NAMES,
  SERVICES,
  STAGE_OF_SERVICE,
  STAGES,
  WATERMARK_ASSET_PREFIX,
  serviceNamed,
} from './services';
export type { QueueFedService, ServiceName, ServiceProject, StageName } from './services';
export { DEFAULT_STAGE, STAGE_ENV, stageName } from './stage';
export {
  ALL_SERVICES,
  HTTP_SERVICES,
  UPLOAD_API_ENV,
  UPLOAD_CONTENT_TYPES,
  UPLOAD_SETTINGS,
  httpServiceNamed,
  isQueueFed,
} from './http-services';
export type { HttpService, HttpServiceName, Service, UploadContentType } from './http-services';
export { commaList, readServiceConfig, requiredName, wholeNumber } from './service-config';
