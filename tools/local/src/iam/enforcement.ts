import { DUMMY_ACCOUNT } from 's3rver/lib/models/account';
import type { PortName } from '../cli-options';
import { close, HOST, listen } from '../emulators';
import type { RunningEmulator } from '../emulators';
import { createIamGateway } from './iam-gateway';
import type { GatewayFamily } from './iam-gateway';
import type { LocalPrincipal, PrincipalName } from './local-principals';
import { PolicyCheck } from './policy-check';

/**
 * The local stack's principals by access key. s3rver checks S3 signatures itself, so each
 * key pair is registered with it too.
 *
 * @example
 * const directory = new PrincipalDirectory();
 * directory.add(localPrincipals(resources, revoked, CREDENTIALS));
 * directory.named('operator').accessKeyId;
 */
export class PrincipalDirectory {
  private readonly byKey = new Map<string, LocalPrincipal>();
  private readonly byName = new Map<PrincipalName, LocalPrincipal>();
  readonly policy = new PolicyCheck();

  add(principals: readonly LocalPrincipal[]): void {
    for (const principal of principals) {
      this.byKey.set(principal.accessKeyId, principal);
      this.byName.set(principal.name, principal);
      DUMMY_ACCOUNT.createKeyPair(principal.accessKeyId, principal.secretAccessKey);
    }
  }

  principalOf(accessKeyId: string): LocalPrincipal | undefined {
    return this.byKey.get(accessKeyId);
  }

  /** @throws Error when no such principal was added. */
  named(name: PrincipalName): LocalPrincipal {
    const found = this.byName.get(name);
    if (!found) throw new Error(`no local principal named ${name}`);
    return found;
  }
}

/** Where the gateway reports. */
export interface GatewayLog {
  readonly denied: (line: string) => void;
  readonly error: (line: string) => void;
}

/**
 * Serves an IAM-enforcing gateway to `upstream` on the port the user chose for that
 * emulator (so the endpoint in stack.json is the enforced one).
 *
 * @throws PortInUseError when the port is taken.
 * @example
 * const s3Gateway = await startIamGateway('s3', 's3', 4568, s3.endpoint, directory, log);
 */
export async function startIamGateway(
  family: GatewayFamily,
  portName: PortName,
  port: number,
  upstream: string,
  directory: PrincipalDirectory,
  log: GatewayLog,
): Promise<RunningEmulator> {
  const server = createIamGateway({
    family,
    upstream,
    principalOf: (key) => directory.principalOf(key),
    policy: directory.policy,
    onDenied: log.denied,
    onError: log.error,
  });
  const bound = await listen(server, portName, port, log.error);
  return { endpoint: `http://${HOST}:${bound}`, stop: () => close(server) };
}
