import { LOCAL_STACK_NOT_RUNNING } from './target-choice';

interface ErrorFacts {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly cause?: unknown;
  readonly errors?: readonly unknown[];
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/**
 * A one-line explanation of an error from an AWS call, in terms the user can act on:
 * a refused connection to the local stack says how to start it, missing credentials say
 * where they come from; anything else keeps the service's own message.
 *
 * @example
 * describeAwsError(error, { local: true }); // 'local stack not running: start it with `npm start` (…)'
 */
export function describeAwsError(error: unknown, target: { readonly local: boolean }): string {
  const facts = (error ?? {}) as ErrorFacts;
  const code = networkCode(facts);
  if (code === 'ECONNREFUSED' || code === 'ECONNRESET') {
    return target.local
      ? `${LOCAL_STACK_NOT_RUNNING} (connection refused)`
      : `cannot reach AWS (${code}): check the network and the region`;
  }
  if (facts.name === 'CredentialsProviderError') {
    return 'no AWS credentials found: pass --profile <name> or configure the default credentials';
  }
  if (facts.name === 'NoSuchBucket') return 'the bucket does not exist on this target';
  if (facts.name === 'ResourceNotFoundException')
    return `the image table does not exist on this target (${facts.message ?? ''})`;
  const message = facts.message ?? String(error);
  return facts.name && facts.name !== 'Error' && !message.includes(facts.name)
    ? `${facts.name}: ${message}`
    : message;
}

function networkCode(facts: ErrorFacts): string | undefined {
  if (facts.code) return facts.code;
  // Node's fetch/http errors hide the socket error in `cause` or in an AggregateError's list.
  const inner = [facts.cause, ...(facts.errors ?? [])].find(
    (e) => typeof (e as ErrorFacts | undefined)?.code === 'string',
  );
  // The SDK's retry wraps a socket error from another realm (a test VM) as "AWS SDK error
  // wrapper for Error: connect ECONNREFUSED …", keeping only its message.
  return (
    (inner as ErrorFacts | undefined)?.code ??
    /\b(ECONNREFUSED|ECONNRESET)\b/.exec(facts.message ?? '')?.[1]
  );
}
