import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A fault as the stack's control endpoint reports it. */
export interface FaultReport {
  readonly id: number;
  readonly kind: string;
  readonly active: boolean;
  readonly matched: number;
  readonly failed: number;
  readonly failedMessages: number;
}

/** A running stack's fault control endpoint (stack.json `faults`). */
export interface FaultControlAddress {
  readonly endpoint: string;
  readonly token: string;
}

/**
 * The control endpoint of the stack whose stack.json is in `dataDir`.
 *
 * @throws Error when stack.json names none (a stack from before fault injection).
 * @example
 * const control = faultControlOf(local.stack.dataDir);
 */
export function faultControlOf(dataDir: string): FaultControlAddress {
  const { faults } = JSON.parse(readFileSync(join(dataDir, 'stack.json'), 'utf8')) as {
    faults?: FaultControlAddress;
  };
  if (faults === undefined) throw new Error(`no faults endpoint in ${dataDir}/stack.json`);
  return faults;
}

async function call<T>(
  control: FaultControlAddress,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${control.endpoint}${path}`, {
    method,
    headers: { authorization: `Bearer ${control.token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/**
 * Switches a fault on (spec as `tools/local/src/faults/fault-spec.ts` takes it).
 *
 * @example
 * const fault = await switchFaultOn(control, { kind: 'dynamodb-throttle', share: 0.3 });
 */
export function switchFaultOn(
  control: FaultControlAddress,
  spec: Readonly<Record<string, unknown>>,
): Promise<FaultReport> {
  return call(control, 'POST', '/faults', spec);
}

/**
 * Switches a fault off and returns its final counts.
 *
 * @example
 * const { failed } = await switchFaultOff(control, fault.id);
 */
export function switchFaultOff(control: FaultControlAddress, id: number): Promise<FaultReport> {
  return call(control, 'DELETE', `/faults/${id}`);
}

/**
 * A fault's counts so far.
 *
 * @throws Error when the stack has no such fault.
 * @example
 * const { failed } = await faultReport(control, fault.id);
 */
export async function faultReport(control: FaultControlAddress, id: number): Promise<FaultReport> {
  const all = await call<FaultReport[]>(control, 'GET', '/faults');
  const found = all.find((fault) => fault.id === id);
  if (!found) throw new Error(`the stack has no fault ${id}`);
  return found;
}
