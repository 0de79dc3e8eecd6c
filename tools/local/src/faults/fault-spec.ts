import { SERVICE_NAMES } from '@imgpipe/registry';
import { z } from 'zod';

/** The S3 errors a failing `PutObject` answers with, as S3 itself does under load. */
export const S3_PUT_FAILURES = {
  500: { code: 'InternalError', message: 'We encountered an internal error. Please try again.' },
  503: { code: 'SlowDown', message: 'Please reduce your request rate.' },
} as const;
export type S3PutFailureStatus = keyof typeof S3_PUT_FAILURES;

const share = z.number().gt(0).max(1);
const names = z.array(z.string().min(1)).min(1);

/**
 * A fault to switch on, as the control endpoint takes it. `share` is the fraction of matching
 * calls that fail (1 by default); the optional lists narrow which calls match.
 */
export const faultSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('s3-put-object'),
    share: share.default(1),
    /** Failures alternate between these answers; both by default. */
    statuses: z
      .array(z.union([z.literal(500), z.literal(503)]))
      .min(1)
      .default([500, 503]),
    buckets: names.optional(),
    principals: names.optional(),
  }),
  z.strictObject({
    kind: z.literal('dynamodb-throttle'),
    share: share.default(1),
    /** Operation names as in `X-Amz-Target` (`UpdateItem`, `GetItem`, …); every one by default. */
    operations: names.optional(),
    principals: names.optional(),
  }),
  z.strictObject({
    kind: z.literal('handler-throws'),
    service: z.enum(SERVICE_NAMES as [string, ...string[]]),
    share: share.default(1),
    message: z.string().min(1).default('injected fault: the handler threw (a bug, until fixed)'),
  }),
]);
export type FaultSpec = z.output<typeof faultSpecSchema>;
export type FaultKind = FaultSpec['kind'];

/** A fault the controller holds: what was asked, whether it is on, and what it did. */
export type FaultState = FaultSpec & {
  readonly id: number;
  active: boolean;
  /** Calls the fault looked at (matched its filters) while on. */
  matched: number;
  /** Calls it failed: the proof that it really happened. */
  failed: number;
  /** For `handler-throws`: the messages in the invocations it failed. */
  failedMessages: number;
  readonly since: string;
  until?: string;
};

/**
 * Reads a fault from the control endpoint's JSON body, defaults applied.
 *
 * @throws Error naming what is wrong, for a body that is not a fault.
 * @example
 * parseFaultSpec({ kind: 's3-put-object', share: 0.3 });
 * // { kind: 's3-put-object', share: 0.3, statuses: [500, 503] }
 */
export function parseFaultSpec(body: unknown): FaultSpec {
  const parsed = faultSpecSchema.safeParse(body);
  if (!parsed.success) {
    throw new Error(
      `not a fault: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

/**
 * One line saying what a fault does, for the stack's console.
 *
 * @example
 * describeFault({ kind: 'dynamodb-throttle', share: 0.5 }); // 'dynamodb-throttle: 50 % of calls'
 */
export function describeFault(spec: FaultSpec): string {
  const percent = `${Math.round(spec.share * 1000) / 10} %`;
  switch (spec.kind) {
    case 's3-put-object':
      return `s3-put-object: ${percent} of PutObject calls${spec.buckets ? ` to ${spec.buckets.join(', ')}` : ''} answer ${spec.statuses.map((status) => `${status} ${S3_PUT_FAILURES[status].code}`).join(' / ')}`;
    case 'dynamodb-throttle':
      return `dynamodb-throttle: ${percent} of ${spec.operations ? spec.operations.join(', ') : 'all'} calls answer ProvisionedThroughputExceededException`;
    case 'handler-throws':
      return `handler-throws: ${spec.service} throws on ${percent} of invocations`;
  }
}
