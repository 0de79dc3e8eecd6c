import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { LocalPrincipal } from './local-principals';
import { LOCAL_ACCOUNT } from './local-principals';

/** One IAM authorization question: may this principal do this action on this resource? */
export interface AuthorizationRequest {
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, string | string[]>>;
}

/** The answer, with AWS's wording when it is no. */
export type Decision =
  { readonly allowed: true } | { readonly allowed: false; readonly message: string };

/**
 * AWS's explanation for an implicit deny, as S3, SQS and DynamoDB word it.
 *
 * @example
 * deniedMessage(principal, { action: 's3:PutObject', resource: 'arn:aws:s3:::b/k' });
 */
export function deniedMessage(principal: LocalPrincipal, request: AuthorizationRequest): string {
  return `User: ${principal.roleArn} is not authorized to perform: ${request.action} on resource: ${request.resource} because no identity-based policy allows the ${request.action} action`;
}

/**
 * Evaluates requests against each principal's identity policy with a maintained IAM
 * evaluator (`@cloud-copilot/iam-simulate`), remembering answers: a pipeline asks the same
 * few questions over and over.
 *
 * @example
 * const check = new PolicyCheck();
 * await check.decide(principal, { action: 's3:GetObject', resource: 'arn:aws:s3:::imgpipe-source/a.jpg' });
 */
export class PolicyCheck {
  private readonly cache = new Map<string, Decision>();

  async decide(principal: LocalPrincipal, request: AuthorizationRequest): Promise<Decision> {
    if (principal.policy === undefined) return { allowed: true };
    const key = JSON.stringify([principal.name, request.action, request.resource, request.context]);
    const known = this.cache.get(key);
    if (known) return known;
    const result = await runSimulation(
      {
        identityPolicies: [{ name: principal.name, policy: principal.policy }],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        request: {
          principal: principal.roleArn,
          action: request.action,
          resource: { resource: request.resource, accountId: LOCAL_ACCOUNT },
          contextVariables: { ...request.context },
        },
      },
      {},
    );
    const decision: Decision =
      result.resultType === 'error'
        ? {
            allowed: false,
            message: `${deniedMessage(principal, request)} (the request could not be evaluated: ${JSON.stringify(result.errors)})`,
          }
        : result.overallResult === 'Allowed'
          ? { allowed: true }
          : { allowed: false, message: deniedMessage(principal, request) };
    // Bounded: keys and resources vary per image, and the stack may run for days.
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, decision);
    return decision;
  }
}
