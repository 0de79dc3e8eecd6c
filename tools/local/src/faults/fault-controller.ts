import type { ServiceName } from '@imgpipe/registry';
import type { GatewayCall } from './fault-requests';
import type { InjectedResponse } from './fault-responses';
import { dynamoDbThrottled, s3PutFailure } from './fault-responses';
import type { FaultSpec, FaultState } from './fault-spec';

/** What a `handler-throws` fault throws in place of the handler's work. */
export class InjectedFaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InjectedFaultError';
  }
}

function matches(fault: FaultState, call: GatewayCall): boolean {
  if ('principals' in fault && fault.principals && !fault.principals.includes(call.principal))
    return false;
  switch (fault.kind) {
    case 's3-put-object':
      return (
        call.service === 's3' &&
        call.putObject !== undefined &&
        (fault.buckets === undefined || fault.buckets.includes(call.putObject.bucket))
      );
    case 'dynamodb-throttle':
      return (
        call.service === 'dynamodb' &&
        (fault.operations === undefined || fault.operations.includes(call.operation))
      );
    case 'handler-throws':
      return false;
  }
}

/**
 * The faults a running local stack injects on purpose, switched on and off while it runs
 * (none unless asked): S3 `PutObject` failing, DynamoDB throttling, a service handler
 * throwing. Each counts the calls it failed, so a test can check a fault really hurt before
 * it checks that nothing was lost.
 *
 * @example
 * const faults = new FaultController();
 * const fault = faults.switchOn({ kind: 'dynamodb-throttle', share: 0.5 });
 * faults.forGatewayCall({ service: 'dynamodb', principal: 'resize-service', operation: 'UpdateItem' });
 * faults.switchOff(fault.id).failed; // how many calls it throttled
 */
export class FaultController {
  private readonly faults: FaultState[] = [];
  /** S3 failures alternate their status, so a run sees each kind. */
  private s3Failures = 0;

  constructor(
    private readonly random: () => number = Math.random,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Switches a fault on; it stays on until switched off. */
  switchOn(spec: FaultSpec): FaultState {
    const fault: FaultState = {
      ...spec,
      id: this.faults.length + 1,
      active: true,
      matched: 0,
      failed: 0,
      failedMessages: 0,
      since: this.now().toISOString(),
    };
    this.faults.push(fault);
    return fault;
  }

  /**
   * Switches a fault off; its counts stay readable.
   *
   * @throws Error when no fault has this id.
   */
  switchOff(id: number): FaultState {
    const fault = this.faults.find((candidate) => candidate.id === id);
    if (!fault) throw new Error(`no fault ${id}`);
    if (fault.active) {
      fault.active = false;
      fault.until = this.now().toISOString();
    }
    return fault;
  }

  /** Every fault switched on since the stack started, on or off, with its counts. */
  list(): readonly FaultState[] {
    return this.faults;
  }

  /** Whether a fault decides to fail this call, counting what it looked at and what it failed. */
  private strikes(fault: FaultState): boolean {
    fault.matched += 1;
    if (fault.share < 1 && this.random() >= fault.share) return false;
    fault.failed += 1;
    return true;
  }

  /**
   * The answer a gateway sends instead of forwarding `call`, when an active fault fails it.
   *
   * @example
   * const injected = faults.forGatewayCall({ service: 's3', principal: 'resize-service', putObject });
   * if (injected) return send(res, injected);
   */
  forGatewayCall(call: GatewayCall): InjectedResponse | undefined {
    for (const fault of this.faults) {
      if (!fault.active || !matches(fault, call) || !this.strikes(fault)) continue;
      if (fault.kind === 's3-put-object') {
        const status = fault.statuses[this.s3Failures % fault.statuses.length] ?? 500;
        this.s3Failures += 1;
        return s3PutFailure(status);
      }
      return dynamoDbThrottled();
    }
    return undefined;
  }

  /**
   * Throws in place of a service's handler while a `handler-throws` fault for it is on.
   *
   * @throws InjectedFaultError when the fault fails this invocation.
   * @example
   * faults.beforeHandler('resize', event.Records.length);
   * await handler(event, context);
   */
  beforeHandler(service: ServiceName, messages: number): void {
    for (const fault of this.faults) {
      if (!fault.active || fault.kind !== 'handler-throws' || fault.service !== service) continue;
      if (!this.strikes(fault)) continue;
      fault.failedMessages += messages;
      throw new InjectedFaultError(fault.message);
    }
  }
}

/**
 * The stack's one controller: the gateways, the service runners and the control endpoint of
 * one stack process share it.
 */
export const localFaults = new FaultController();
