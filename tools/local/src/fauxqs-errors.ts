import { randomUUID } from 'node:crypto';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { buildApp } from 'fauxqs';
import type { ErrorLog } from './s3-emulator';

type FauxqsApp = ReturnType<typeof buildApp>;

const MESSAGE = 'We encountered an internal error. Please try again.';

/**
 * Makes a fauxqs app answer a request it fails on as SQS (JSON protocol) or SNS (query
 * protocol) do, and report it to `log`. Fastify already turns a handler's throw into a
 * response, but a bare `{"statusCode":500,…}` that the SDK cannot parse, and with the
 * logger off it says nothing. Errors fauxqs answers itself (QueueDoesNotExist, …) never get
 * here; what Fastify rejects with a 4xx (a body it cannot parse) keeps Fastify's answer.
 *
 * @example
 * const app = buildApp({ logger: false });
 * answerInternalErrors(app, console.error);
 */
export function answerInternalErrors(app: FauxqsApp, log: ErrorLog): void {
  const handler = (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status < 500) return reply.send(error);
    const json = String(request.headers['content-type'] ?? '').includes('x-amz-json');
    const target = json
      ? String(request.headers['x-amz-target'] ?? '?')
      : String((request.body as { Action?: string } | undefined)?.Action ?? '?');
    log(`sqs/sns: ${target} answered 500 InternalError: ${String(error)}`);
    if (json)
      return reply
        .status(500)
        .header('content-type', 'application/x-amz-json-1.0')
        .header('x-amzn-query-error', 'InternalError;Receiver')
        .send(JSON.stringify({ __type: 'com.amazonaws.sqs#InternalError', message: MESSAGE }));
    return reply
      .status(500)
      .header('content-type', 'text/xml')
      .send(
        `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>${MESSAGE}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
      );
  };
  app.setErrorHandler(handler);
}
