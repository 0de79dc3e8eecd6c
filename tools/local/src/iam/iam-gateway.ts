import { Agent, createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { localFaults } from '../faults/fault-controller';
import type { FaultController } from '../faults/fault-controller';
import { gatewayCall } from '../faults/fault-requests';
import { dynamoDbAuthorization, snsAuthorization, sqsAuthorization } from './api-request-actions';
import type { ArnScope } from './api-request-actions';
import { jsonDenied, s3Denied, snsDenied } from './denied-responses';
import type { DeniedResponse, DenialKind } from './denied-responses';
import type { LocalPrincipal } from './local-principals';
import { LOCAL_ACCOUNT } from './local-principals';
import type { AuthorizationRequest, PolicyCheck } from './policy-check';
import { requestCredential } from './request-credential';
import { answerPostUpload, isPostUpload } from './s3-post-upload';
import { s3Authorization } from './s3-request-actions';

/** Which emulator a gateway fronts: s3rver, fauxqs (SNS and SQS on one port) or dynalite. */
export type GatewayFamily = 's3' | 'sns-sqs' | 'dynamodb';

type Protocol = 's3' | 'sns' | 'sqs' | 'dynamodb';

/** A caller that may read a key but not list its bucket, so a 404 must become a 403. */
interface NotFoundDenial {
  readonly principal: string;
  readonly check: AuthorizationRequest;
  readonly message: string;
}

/** What a gateway needs. */
export interface GatewayOptions {
  readonly family: GatewayFamily;
  /** The emulator's own endpoint, on a loopback port nobody else is told about. */
  readonly upstream: string;
  /** The principal holding an access key, if any. */
  readonly principalOf: (accessKeyId: string) => LocalPrincipal | undefined;
  readonly policy: PolicyCheck;
  /** A line per refused call, like the CloudTrail entry AWS would keep. */
  readonly onDenied: (line: string) => void;
  /** A line per request the gateway itself failed on; the request gets a 500. */
  readonly onError: (line: string) => void;
  /** Faults switched on at run time fail some allowed calls here; the stack's own by default. */
  readonly faults?: FaultController;
}

/** Bodies of API calls are small (SQS 256 KiB, DynamoDB items 400 KiB); refuse a runaway one. */
const MAX_API_BODY = 16 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_API_BODY) req.destroy(new Error(`request body over ${MAX_API_BODY} bytes`));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function protocolOf(family: GatewayFamily, req: IncomingMessage, signedFor?: string): Protocol {
  if (family !== 'sns-sqs') return family;
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') return 'sqs';
  return signedFor === 'sns' ? 'sns' : 'sqs';
}

/** The operation and its parameters, from an AWS JSON (`X-Amz-Target`) or query body. */
function apiCall(
  req: IncomingMessage,
  body: Buffer,
): { operation: string; fields: Record<string, unknown> } {
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string') {
    const fields =
      body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as Record<string, unknown>);
    return { operation: target.slice(target.indexOf('.') + 1), fields };
  }
  const fields: Record<string, unknown> = Object.fromEntries(
    new URLSearchParams(body.toString('utf8')),
  );
  return { operation: String(fields['Action'] ?? ''), fields };
}

function denial(protocol: Protocol, kind: DenialKind, message: string): DeniedResponse {
  if (protocol === 's3') return s3Denied(kind, message);
  if (protocol === 'sns') return snsDenied(kind, message);
  return jsonDenied(protocol, kind, message);
}

function send(res: ServerResponse, response: DeniedResponse): void {
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}

const REFUSALS: Readonly<Record<Exclude<DenialKind, 'access-denied'>, string>> = {
  'unknown-key': 'The AWS access key ID you provided does not exist in the local stack',
  unsigned: 'Anonymous requests are refused: sign the request with a key from stack.json',
};

/**
 * An IAM-enforcing reverse proxy in front of one emulator: each request's signer is
 * looked up by access key, the request is mapped to the IAM actions and resources AWS
 * would authorize, and those are evaluated against the signer's identity policy. A denied
 * call is answered the way the real service answers it (S3 403 `AccessDenied`, SNS 403
 * `AuthorizationError`, SQS `AccessDenied`, DynamoDB 400 `AccessDeniedException`), and a
 * 404 on a GET or HEAD of an object becomes 403 for a caller without `s3:ListBucket`, as S3
 * does. Allowed calls reach the emulator unchanged (signature and all). A request the
 * gateway fails on gets a 500 and a log line; the gateway keeps serving.
 *
 * @example
 * const server = createIamGateway({ family: 's3', upstream: s3.endpoint, principalOf, policy, onDenied, onError });
 * server.listen(4568, '127.0.0.1');
 */
export function createIamGateway(options: GatewayOptions): Server {
  const upstream = new URL(options.upstream);
  const agent = new Agent({ keepAlive: true });
  const faults = options.faults ?? localFaults;

  async function authorize(
    req: IncomingMessage,
    protocol: Protocol,
    principal: LocalPrincipal,
    scope: ArnScope,
    body: Buffer | undefined,
  ): Promise<{ denied?: string; notFoundDenied?: NotFoundDenial }> {
    let checks: readonly AuthorizationRequest[];
    let notFoundNeeds: AuthorizationRequest | undefined;
    if (protocol === 's3') {
      const s3 = s3Authorization(
        req.method ?? 'GET',
        req.url ?? '/',
        req.headers,
        body?.toString('utf8'),
      );
      checks = s3.checks;
      notFoundNeeds = s3.notFoundNeeds;
    } else {
      const { operation, fields } = apiCall(req, body ?? Buffer.alloc(0));
      const map = { sqs: sqsAuthorization, sns: snsAuthorization, dynamodb: dynamoDbAuthorization }[
        protocol
      ];
      checks = map(operation, fields, scope);
    }
    for (const check of checks) {
      const decision = await options.policy.decide(principal, check);
      if (!decision.allowed) {
        options.onDenied(`iam: denied ${principal.name} ${check.action} on ${check.resource}`);
        return { denied: decision.message };
      }
    }
    if (notFoundNeeds === undefined) return {};
    const listing = await options.policy.decide(principal, notFoundNeeds);
    return listing.allowed
      ? {}
      : {
          notFoundDenied: {
            principal: principal.name,
            check: notFoundNeeds,
            message: listing.message,
          },
        };
  }

  function forward(
    req: IncomingMessage,
    res: ServerResponse,
    body: Buffer | undefined,
    notFoundDenied?: NotFoundDenial,
  ) {
    const proxied = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        if (notFoundDenied !== undefined && answer.statusCode === 404) {
          answer.resume();
          options.onDenied(
            `iam: denied ${notFoundDenied.principal} ${notFoundDenied.check.action} on ${notFoundDenied.check.resource} (a read of a missing key answers 403)`,
          );
          send(res, s3Denied('access-denied', notFoundDenied.message));
          return;
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    // A caller that gave up (an aborted long poll) ends the upstream request too.
    res.on('close', () => {
      if (!res.writableFinished) proxied.destroy();
    });
    proxied.on('error', (error) => {
      if (res.destroyed) return;
      options.onError(
        `gateway: ${req.method} ${req.url} to ${options.family} failed: ${String(error)}`,
      );
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('InternalError');
      } else res.destroy();
    });
    if (body === undefined) req.pipe(proxied);
    else proxied.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    // A browser-form upload is signed in its form, not its headers: its policy decides.
    if (options.family === 's3' && isPostUpload(req.method, url, req.headers)) {
      const deps = {
        principalOf: options.principalOf,
        policy: options.policy,
        now: () => new Date(),
      };
      return answerPostUpload(req, res, deps, options.onDenied, (body) => forward(req, res, body));
    }
    // CORS preflights are unsigned on AWS too; the bucket's CORS rules answer them.
    if (options.family === 's3' && req.method === 'OPTIONS') return forward(req, res, undefined);
    const credential = requestCredential(req.headers, url);
    const protocol = protocolOf(options.family, req, credential?.service);
    // S3 object bodies stream through; only a multi-object delete names its keys in the body.
    const needsBody = protocol !== 's3' || (req.method === 'POST' && /[?&]delete(=|&|$)/.test(url));
    const body = needsBody ? await readBody(req) : undefined;
    if (credential === undefined) return send(res, denial(protocol, 'unsigned', REFUSALS.unsigned));
    const principal = options.principalOf(credential.accessKeyId);
    if (principal === undefined)
      return send(res, denial(protocol, 'unknown-key', REFUSALS['unknown-key']));
    const scope = { region: credential.region, account: LOCAL_ACCOUNT };
    const { denied, notFoundDenied } = await authorize(req, protocol, principal, scope, body);
    if (denied !== undefined) return send(res, denial(protocol, 'access-denied', denied));
    const injected = faults.forGatewayCall(
      gatewayCall(protocol, principal.name, req.method ?? 'GET', url, req.headers),
    );
    if (injected !== undefined) {
      if (req.readableEnded) return send(res, injected);
      // A streamed object body is read to its end first, so the client sees the answer.
      req.resume().once('end', () => send(res, injected));
      return;
    }
    forward(req, res, body, notFoundDenied);
  }

  const server = createServer((req, res) => {
    res.on('error', () => undefined);
    handle(req, res).catch((error: unknown) => {
      options.onError(`gateway: ${req.method} ${req.url} failed: ${String(error)}`);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('InternalError');
      } else res.destroy();
    });
  });
  // A malformed request line or header is answered, never thrown.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.on('close', () => agent.destroy());
  return server;
}
