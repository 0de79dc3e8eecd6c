import type { StackDescription } from '@imgpipe/aws';
import {
  EVENT_SOURCE_ACTIONS,
  HTTP_SERVICES,
  NOTIFIER_GRANTS,
  OPERATOR_GRANTS,
  SERVICES,
  policyDocument,
} from '@imgpipe/registry';
import type {
  Grant,
  HttpServiceName,
  NamedResourceRef,
  PolicyDocument,
  ServiceName,
} from '@imgpipe/registry';

/** The account every local ARN is in (fauxqs's, which names the queues). */
export const LOCAL_ACCOUNT = '000000000000';

/** Who calls the local stack, each with its own access key. */
export type PrincipalName =
  'admin' | 'operator' | 'notifier' | `${ServiceName}-service` | HttpServiceName;

/** A caller's identity: its key pair, the role it stands for and that role's policy. */
export interface LocalPrincipal {
  readonly name: PrincipalName;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly roleArn: string;
  /** `undefined`: the stack itself (and tests' arrange steps), allowed everything. */
  readonly policy: PolicyDocument | undefined;
}

/** The resources a local policy names, as the stack created them. */
export type LocalResources = Pick<
  StackDescription,
  'region' | 'buckets' | 'table' | 'topicArn' | 'queues'
>;

/** Grants left out on purpose, by `<principal>:<sid>`. */
export type Revocations = ReadonlySet<string>;

/**
 * Resolves a registry resource reference to the local stack's ARN.
 *
 * @example
 * localArn(resources, 'resize', { kind: 'bucket', bucket: 'source', keys: '*' });
 * // 'arn:aws:s3:::imgpipe-source/*'
 */
export function localArn(
  resources: LocalResources,
  service: ServiceName | undefined,
  ref: NamedResourceRef,
): string {
  switch (ref.kind) {
    case 'bucket':
      return `arn:aws:s3:::${resources.buckets[ref.bucket]}${ref.keys === undefined ? '' : `/${ref.keys}`}`;
    case 'table': {
      const table = `arn:aws:dynamodb:${resources.region}:${LOCAL_ACCOUNT}:table/${resources.table}`;
      return ref.index === undefined ? table : `${table}/index/${ref.index}`;
    }
    case 'queue': {
      if (service === undefined) throw new Error('only a service has a queue of its own');
      const pair = resources.queues[service];
      return ref.queue === 'own' ? pair.arn : pair.dlqArn;
    }
    case 'queues':
      return `arn:aws:sqs:${resources.region}:${LOCAL_ACCOUNT}:imgpipe-*`;
    case 'topic':
      return resources.topicArn;
    case 'ssm-parameters':
      return `arn:aws:ssm:${resources.region}:${LOCAL_ACCOUNT}:parameter/imgpipe/*`;
  }
}

function principal(
  name: PrincipalName,
  grants: readonly Grant[],
  arnOf: (ref: NamedResourceRef) => string,
  revoked: Revocations,
): LocalPrincipal {
  const kept = grants.filter((grant) => !revoked.has(`${name}:${grant.sid}`));
  return {
    name,
    // Readable in logs, and unique: the key names the principal, as an IAM key names its user.
    accessKeyId: `LOCAL-${name.toUpperCase()}`,
    secretAccessKey: `imgpipe-local-${name}-secret`,
    roleArn: `arn:aws:iam::${LOCAL_ACCOUNT}:role/imgpipe-local-${name}`,
    policy: policyDocument(kept, arnOf),
  };
}

const EVENT_SOURCE_GRANT: Grant = {
  sid: 'EventSourceMapping',
  actions: EVENT_SOURCE_ACTIONS,
  resources: [{ kind: 'queue', queue: 'own' }],
  why: "Lambda's event source mapping polls and deletes with the function's role.",
};

/** Each principal with its grants, as the registry (and so infra) defines them. */
function grantsByPrincipal(): ReadonlyArray<
  readonly [PrincipalName, readonly Grant[], ServiceName | undefined]
> {
  return [
    ['operator', OPERATOR_GRANTS, undefined],
    ['notifier', NOTIFIER_GRANTS, undefined],
    ...SERVICES.map(
      (service) =>
        [`${service.name}-service`, [EVENT_SOURCE_GRANT, ...service.grants], service.name] as const,
    ),
    // An HTTP service's function role: what it signs presigned URLs with, too.
    ...HTTP_SERVICES.map((service) => [service.name, service.grants, undefined] as const),
  ];
}

/**
 * Every grant that `--revoke` can leave out, as `<principal>:<sid>`.
 *
 * @example
 * revocableGrants().includes('resize-service:WriteOwnOutputPrefix'); // true
 */
export function revocableGrants(): string[] {
  return grantsByPrincipal().flatMap(([name, grants]) =>
    grants.map((grant) => `${name}:${grant.sid}`),
  );
}

/**
 * The stack itself (and tests' arrange steps): the key s3rver ships with, allowed everything,
 * like an account's administrator.
 *
 * @example
 * adminPrincipal({ accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }).policy; // undefined
 */
export function adminPrincipal(key: {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}): LocalPrincipal {
  return {
    name: 'admin',
    ...key,
    roleArn: `arn:aws:iam::${LOCAL_ACCOUNT}:root`,
    policy: undefined,
  };
}

/**
 * The principals the pipeline's parts act as: each service with exactly the policy infra
 * deploys for it (the registry's grants plus its event source mapping's queue actions), the
 * notifier that plays S3 events, and the operator the CLI acts as. A revoked grant
 * (`resize-service:WriteOwnOutputPrefix`) is left out, to see what breaks without it.
 *
 * @example
 * const principals = localPrincipals(stack, new Set());
 * principals.find((p) => p.name === 'resize-service')?.policy?.Statement.map((s) => s.Sid);
 */
export function localPrincipals(
  resources: LocalResources,
  revoked: Revocations = new Set(),
): LocalPrincipal[] {
  return grantsByPrincipal().map(([name, grants, service]) =>
    principal(name, grants, (ref) => localArn(resources, service, ref), revoked),
  );
}
