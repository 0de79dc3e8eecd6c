import { processMemory } from '@imgpipe/process-stats';
import { METRICS_NAMESPACE } from '@imgpipe/registry';
import { createLambdaContext } from '../lambda-invocation';
import { parseEmfLine } from '../metrics/emf-line';
import { tapStdout } from '../metrics/stdout-tap';
import { importHandler } from '../service-handlers';
import type { FunctionMessage, InvokeMessage } from './function-messages';

// The entry of one function's own process (see FunctionProcess), as a Lambda execution
// environment runs one function: `node function-worker.ts <handler file> [verbose]`, with the
// function's environment already in place. Invocations arrive over IPC, one reply each.

type Handler = (event: unknown, context: ReturnType<typeof createLambdaContext>) => unknown;

const [file = '', verbose] = process.argv.slice(2);

function send(message: FunctionMessage, then?: () => void): void {
  process.send?.(message, undefined, {}, then);
}

// The stack is gone (even SIGKILLed) or done with it: so is this function, as its sandbox
// would be.
process.on('disconnect', () => process.exit(0));
// Ctrl-C reaches the whole process group; the stack lets the batch in hand finish, then
// disconnects.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => undefined);

// EMF documents go to the stack's collector (over IPC) instead of the console; with
// `verbose` they show as well.
tapStdout((line) => {
  if (parseEmfLine(line, METRICS_NAMESPACE) === undefined) return false;
  send({ kind: 'metric', line });
  return true;
}, verbose === 'verbose');

async function main(): Promise<void> {
  let handler: Handler;
  try {
    handler = await importHandler<Handler>(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    send({ kind: 'load-failed', error: reason }, () => process.exit(1));
    return;
  }
  process.on('message', (message: InvokeMessage) => {
    const context = createLambdaContext(message.identity);
    Promise.resolve()
      .then(() => handler(message.event, context))
      .then(
        (response) =>
          send({
            kind: 'returned',
            id: message.id,
            response: response ?? null,
            memory: processMemory('self'),
          }),
        (error: unknown) =>
          send({
            kind: 'threw',
            id: message.id,
            error: error instanceof Error ? error.message : String(error),
            memory: processMemory('self'),
          }),
      );
  });
  send({ kind: 'ready' });
}

void main();
