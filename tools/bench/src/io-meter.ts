import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { Clock } from './interleaved-timing';
import { processClock } from './interleaved-timing';

/** Time spent with at least one HTTP request of this process in flight. */
export interface IoTime {
  readonly wallMs: number;
  /** This process's CPU time meanwhile (the SDK's own work on the calls, the socket reads). */
  readonly cpuMs: number;
}

/** Measures {@link IoTime} from the moment it is created until {@link IoMeter.stop}. */
export interface IoMeter {
  /** What was measured since the last `take` (or since the start), starting afresh. */
  take(): IoTime;
  stop(): void;
}

interface ClientRequestStart {
  readonly request: ClientRequest;
}

interface ClientResponseFinish {
  readonly request: ClientRequest;
  readonly response: IncomingMessage;
}

/**
 * Sums the wall and CPU time during which this process had an HTTP request open, from the
 * request's start to the end of its response body (an SDK reads a GET's body after it
 * returns), through node's `http.client.*` diagnostics channels: the AWS SDK's calls to S3
 * and DynamoDB, counted without touching the code that makes them. Overlapping requests
 * count once; the caller keeps other work off the process while a request is open, or that
 * work is counted as I/O too.
 *
 * @example
 * const meter = startIoMeter();
 * await handler(event, context);
 * const { wallMs, cpuMs } = meter.take();
 * meter.stop();
 */
export function startIoMeter(clock: Clock = processClock): IoMeter {
  let open = 0;
  let since = { wallMs: 0, cpuMs: 0 };
  let total = { wallMs: 0, cpuMs: 0 };
  const settled = new WeakSet<ClientRequest>();
  const responded = new WeakSet<ClientRequest>();
  const begin = (): void => {
    if (open === 0) since = { wallMs: clock.wallMs(), cpuMs: clock.cpuMs() };
    open += 1;
  };
  const end = (request: ClientRequest): void => {
    if (settled.has(request)) return;
    settled.add(request);
    open -= 1;
    if (open > 0) return;
    total = {
      wallMs: total.wallMs + clock.wallMs() - since.wallMs,
      cpuMs: total.cpuMs + clock.cpuMs() - since.cpuMs,
    };
  };
  const onStart = (message: unknown): void => {
    const { request } = message as ClientRequestStart;
    begin();
    request.once('error', () => end(request));
    request.once('close', () => {
      // A request closed before any response (aborted, refused) ends here.
      if (!responded.has(request)) end(request);
    });
  };
  const onResponse = (message: unknown): void => {
    const { request, response } = message as ClientResponseFinish;
    responded.add(request);
    response.once('end', () => end(request));
    response.once('close', () => end(request));
    response.once('error', () => end(request));
  };
  subscribe('http.client.request.start', onStart);
  subscribe('http.client.response.finish', onResponse);
  return {
    take() {
      let taken = total;
      if (open > 0) {
        const now = { wallMs: clock.wallMs(), cpuMs: clock.cpuMs() };
        taken = {
          wallMs: taken.wallMs + now.wallMs - since.wallMs,
          cpuMs: taken.cpuMs + now.cpuMs - since.cpuMs,
        };
        since = now;
      }
      total = { wallMs: 0, cpuMs: 0 };
      return taken;
    },
    stop() {
      unsubscribe('http.client.request.start', onStart);
      unsubscribe('http.client.response.finish', onResponse);
    },
  };
}
