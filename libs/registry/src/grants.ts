/**
 * IAM grants written once, as data, and turned into policy statements by whoever needs
 * them: infra with CDK tokens for ARNs, the local stack with its own ARNs, the template
 * tests with CloudFormation intrinsics. Code and policy cannot drift apart, because there
 * is only one list.
 */

/** The two buckets of DESIGN.md §1. */
export type BucketRole = 'source' | 'processed';

/** A resource a grant names, by its role in the pipeline rather than by ARN. */
export type ResourceRef =
  /** A bucket itself (`keys` absent: `s3:ListBucket`), or objects matching `keys` in it. */
  | { readonly kind: 'bucket'; readonly bucket: BucketRole; readonly keys?: string }
  /** The image table, or one of its indexes. */
  | { readonly kind: 'table'; readonly index?: string }
  /** The granted service's own queue, or its dead-letter queue. */
  | { readonly kind: 'queue'; readonly queue: 'own' | 'own-dlq' }
  /** Every imgpipe queue and DLQ of the stage. */
  | { readonly kind: 'queues' }
  /** The upload topic S3 notifies. */
  | { readonly kind: 'topic' }
  /** The stage's SSM parameters (`/imgpipe/<stage>/*`). */
  | { readonly kind: 'ssm-parameters' }
  /** Any resource: only for actions IAM cannot scope to one (CloudWatch `GetMetricData`). */
  | { readonly kind: 'any' };

/** A reference that names resources of the pipeline, resolved to ARNs by each reader. */
export type NamedResourceRef = Exclude<ResourceRef, { readonly kind: 'any' }>;

/** One statement of a principal's identity policy. */
export interface Grant {
  readonly sid: string;
  readonly actions: readonly string[];
  readonly resources: readonly ResourceRef[];
  /** Why the code needs it; the text reviewers (and cdk-nag acknowledgements) read. */
  readonly why: string;
}

/** An IAM policy statement, with resources of whatever form the caller's ARNs take. */
export interface PolicyStatementOf<Arn> {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: string[];
  readonly Resource: Arn[];
}

/** An IAM policy document of string ARNs, as the AWS APIs and policy evaluators take it. */
export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: PolicyStatementOf<string>[];
}

/**
 * The actions Lambda's SQS event source mapping performs with the function's own role
 * (CDK's `SqsEventSource` grants exactly these on the queue).
 */
export const EVENT_SOURCE_ACTIONS = [
  'sqs:ReceiveMessage',
  'sqs:ChangeMessageVisibility',
  'sqs:GetQueueUrl',
  'sqs:DeleteMessage',
  'sqs:GetQueueAttributes',
] as const;

/**
 * Turns grants into policy statements, each named resource given by `arnOf` (`any` is `*`).
 *
 * @example
 * const statements = grantStatements(grants, (ref) => localArn(ref));
 * new PolicyDocument({ Version: '2012-10-17', Statement: statements });
 */
export function grantStatements<Arn>(
  grants: readonly Grant[],
  arnOf: (ref: NamedResourceRef) => Arn,
): PolicyStatementOf<Arn | '*'>[] {
  return grants.map((grant) => ({
    Sid: grant.sid,
    Effect: 'Allow',
    Action: [...grant.actions],
    Resource: grant.resources.map((ref) => (ref.kind === 'any' ? '*' : arnOf(ref))),
  }));
}

/**
 * A policy document of string ARNs for `grants`.
 *
 * @example
 * policyDocument(serviceByName('resize').grants, (ref) => arns.of(ref));
 */
export function policyDocument(
  grants: readonly Grant[],
  arnOf: (ref: NamedResourceRef) => string,
): PolicyDocument {
  return { Version: '2012-10-17', Statement: grantStatements(grants, arnOf) };
}

/**
 * The part of an ARN a `bucket` reference adds after the bucket's ARN.
 *
 * @example
 * bucketArnSuffix({ kind: 'bucket', bucket: 'processed', keys: 'resized/*' }); // '/resized/*'
 */
export function bucketArnSuffix(ref: Extract<ResourceRef, { kind: 'bucket' }>): string {
  return ref.keys === undefined ? '' : `/${ref.keys}`;
}
