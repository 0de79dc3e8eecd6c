import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { processMemory } from '@imgpipe/process-stats';
import type { FunctionIdentity } from '../lambda-invocation';
import type { FunctionMessage, InvokeMessage } from './function-messages';

/** How often a function process's memory is read, to stop it when it goes over its setting. */
const SAMPLE_MS = 200;
/** How long a function process stopping may finish before it is killed. */
const STOP_GRACE_MS = 5_000;

/** One function as the stack runs it: what Lambda knows of it. */
export interface FunctionSpec {
  /** The Nx project (`resize-service`), as logs and metrics name it. */
  readonly name: string;
  /** Its handler module (`apps/<project>/src/handler.ts`). */
  readonly file: string;
  /** Its environment, over the stack's own (PATH, the TypeScript loader's settings). */
  readonly env: Readonly<Record<string, string>>;
  /** Its memory setting from the registry, as infra gives the Lambda. */
  readonly memoryMb: number;
  readonly verbose: boolean;
}

/** What the stack knows of a function's memory. */
export interface FunctionMemory {
  /** Highest resident memory of any of its processes so far (the kernel's VmHWM). */
  readonly peakMb: number;
  /** Its memory setting. */
  readonly limitMb: number;
  /** Processes that came up in place of one that crashed or went over its memory. */
  readonly restarts: number;
}

/** What a function process hears from the stack. */
export interface FunctionEvents {
  readonly onMetric: (line: string) => void;
  readonly onMemory: (memory: FunctionMemory) => void;
  readonly warn: (line: string) => void;
}

/** An invocation that ended because its function process did. */
export class FunctionCrashedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FunctionCrashedError';
  }
}

/** An invocation that ran past its function's timeout; its process was stopped, as Lambda does. */
export class FunctionTimedOutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FunctionTimedOutError';
  }
}

interface Pending {
  readonly resolve: (response: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

/** Why the stack ended a process; `crash` when it counts as one (memory), not a timeout. */
interface Ending {
  readonly reason: string;
  readonly crash: boolean;
}

interface Instance {
  readonly child: ChildProcess;
  /** Invocations sent to this process that await its answer: its exit fails these, no others. */
  readonly pending: Map<number, Pending>;
  readonly ready: Promise<void>;
  readonly exited: Promise<void>;
  /** Kills the process (once) and lets it go, saying why, for its exit to report. */
  readonly end: (ending: Ending) => void;
}

const WORKER = join(__dirname, 'function-worker.ts');

/**
 * Runs one function in a process of its own, as Lambda runs it in its own execution
 * environment: its own environment variables, its own memory. Invocations go over IPC and
 * carry the event only. The process's resident memory is sampled; one that goes over the
 * function's memory setting is killed, as Lambda ends an invocation that runs out of memory;
 * so is one whose invocation runs past the function's timeout, which then rejects with
 * `FunctionTimedOutError`. An invocation whose process dies rejects with
 * `FunctionCrashedError` (a queue-fed batch is then left to the visibility timeout), and the
 * next invocation starts a new process (a cold start). A process that does not come up
 * rejects the invocation that started it and is not kept.
 *
 * @example
 * const fn = await FunctionProcess.start(spec, events);
 * const response = await fn.invoke(event, { functionName: 'imgpipe-resize', region, timeoutMs });
 * fn.memory().peakMb;
 * await fn.stop();
 */
export class FunctionProcess {
  private instance: Instance | undefined;
  private nextId = 1;
  private peakMb = 0;
  private restarts = 0;
  /** The last process crashed after it came up: the next one to come up is a restart. */
  private replacing = false;
  private stopping = false;

  private constructor(
    private readonly spec: FunctionSpec,
    private readonly events: FunctionEvents,
  ) {}

  /**
   * Starts the function's process and waits for its handler to load.
   *
   * @throws Error with the reason when the handler does not load.
   */
  static async start(spec: FunctionSpec, events: FunctionEvents): Promise<FunctionProcess> {
    const fn = new FunctionProcess(spec, events);
    try {
      await fn.running();
    } catch (error) {
      // Not a crash to report and start again from: the caller says the service is not running.
      fn.stopping = true;
      throw error;
    }
    return fn;
  }

  /** The pid of its process now, if one runs. */
  get pid(): number | undefined {
    return this.instance?.child.pid;
  }

  memory(): FunctionMemory {
    return { peakMb: this.peakMb, limitMb: this.spec.memoryMb, restarts: this.restarts };
  }

  /**
   * Invokes the handler with `event`; resolves with what it returned, rejects with what it
   * threw (as an Error with its message), with `FunctionTimedOutError` after
   * `identity.timeoutMs`, or with `FunctionCrashedError`.
   */
  async invoke(event: unknown, identity: FunctionIdentity): Promise<unknown> {
    const instance = await this.running();
    const id = this.nextId++;
    const message: InvokeMessage = {
      kind: 'invoke',
      id,
      event,
      identity: { ...identity, memoryMb: this.spec.memoryMb },
    };
    return new Promise((resolve, reject) => {
      // Counted from the invocation, not the cold start before it, as Lambda counts it.
      const timer = setTimeout(() => {
        const after = `Task timed out after ${(identity.timeoutMs / 1000).toFixed(2)} seconds`;
        take(instance.pending, id)?.reject(
          new FunctionTimedOutError(`${this.spec.name}: ${after}`),
        );
        this.events.warn(
          `${this.spec.name}: ${after}; its process is stopped, the next invocation starts a new one`,
        );
        instance.end({ reason: `was stopped: an invocation timed out (${after})`, crash: false });
      }, identity.timeoutMs);
      instance.pending.set(id, { resolve, reject, timer });
      instance.child.send(message, (error) => {
        if (!error) return;
        take(instance.pending, id)?.reject(
          new FunctionCrashedError(`${this.spec.name}: could not invoke: ${error.message}`),
        );
      });
    });
  }

  /** Lets the process end on its own (invocations in hand are the caller's to await first). */
  async stop(): Promise<void> {
    this.stopping = true;
    const instance = this.instance;
    if (instance === undefined) return;
    if (instance.child.connected) instance.child.disconnect();
    const timer = setTimeout(() => instance.child.kill('SIGKILL'), STOP_GRACE_MS);
    await instance.exited;
    clearTimeout(timer);
  }

  /** The process that serves invocations, started (again) when there is none. */
  private async running(): Promise<Instance> {
    if (this.stopping) throw new FunctionCrashedError(`${this.spec.name} is stopping`);
    const instance = (this.instance ??= this.spawn());
    try {
      await instance.ready;
    } catch (error) {
      // It serves nobody: the next invocation starts another rather than fail on this one.
      if (this.instance === instance) this.instance = undefined;
      instance.end({ reason: 'did not come up', crash: false });
      throw error;
    }
    return instance;
  }

  private spawn(): Instance {
    const { spec } = this;
    const child = fork(WORKER, [spec.file, spec.verbose ? 'verbose' : ''], {
      env: { ...process.env, ...spec.env },
      // The stack's loader flags, and a V8 heap sized to the function's memory so that
      // garbage is collected against that budget, not the machine's. sharp's pixels are
      // native memory outside the heap, hence the resident-memory watch as well.
      execArgv: [
        ...process.execArgv.filter((flag) => !flag.startsWith('--max-old-space-size')),
        `--max-old-space-size=${Math.floor(spec.memoryMb * 0.9)}`,
      ],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const pending = new Map<number, Pending>();
    let ended: Ending | undefined;
    const end = (ending: Ending) => {
      if (ended !== undefined) return;
      ended = ending;
      // Not served from again, even before its exit is heard: the next invocation gets a new one.
      if (this.instance?.child === child) this.instance = undefined;
      child.kill('SIGKILL');
    };
    const sampler = setInterval(() => {
      const memory = child.pid === undefined ? undefined : processMemory(child.pid);
      if (memory === undefined) return;
      this.notePeak(memory.peakMb);
      if (memory.rssMb > spec.memoryMb)
        end({
          reason: `went over its memory (${memory.rssMb} MB of ${spec.memoryMb} MB)`,
          crash: true,
        });
    }, SAMPLE_MS);
    sampler.unref();

    let loaded = false;
    let settle: (error?: Error) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      settle = (error) => (error ? reject(error) : resolve());
    });
    // A start that fails is reported to whoever awaits it; nobody else must see it unhandled.
    ready.catch(() => undefined);
    const settleReady = (error?: Error) => {
      if (error === undefined && !loaded) {
        loaded = true;
        if (this.replacing) {
          this.replacing = false;
          this.restarts += 1;
          this.events.onMemory(this.memory());
        }
      }
      settle(error);
    };

    child.on('message', (message: FunctionMessage) =>
      this.onMessage(message, pending, settleReady),
    );
    const exited = new Promise<void>((resolve) => {
      child.once('exit', (code, signal) => {
        clearInterval(sampler);
        if (this.instance?.child === child) this.instance = undefined;
        const reason =
          (ended?.reason ?? (signal ? `was killed (${signal})` : `exited with code ${code}`)) +
          (loaded ? '' : ' while loading');
        const crashed = new FunctionCrashedError(`${spec.name}: its process ${reason}`);
        settleReady(crashed);
        const lost = [...pending.keys()].map((id) => take(pending, id));
        for (const invocation of lost) invocation?.reject(crashed);
        if (!this.stopping && ended?.crash !== false) {
          // A restart is counted when a process comes up in its place; one that dies while
          // loading replaced nothing.
          if (loaded) this.replacing = true;
          this.events.warn(
            `${spec.name}: its process ${reason}${lost.length > 0 ? ' during an invocation' : ''}; the next invocation starts a new one`,
          );
        }
        resolve();
      });
      child.on('error', (error) => {
        if (loaded) return;
        settleReady(error);
        // A process that never started has no exit to wait for.
        if (child.pid === undefined) {
          clearInterval(sampler);
          resolve();
        }
      });
    });
    return { child, pending, ready, exited, end };
  }

  private onMessage(
    message: FunctionMessage,
    pending: Map<number, Pending>,
    settleReady: (error?: Error) => void,
  ): void {
    switch (message.kind) {
      case 'ready':
        return settleReady();
      case 'load-failed':
        return settleReady(new Error(message.error));
      case 'metric':
        return this.events.onMetric(message.line);
      case 'returned':
      case 'threw': {
        if (message.memory) this.notePeak(message.memory.peakMb);
        const invocation = take(pending, message.id);
        if (message.kind === 'returned') invocation?.resolve(message.response);
        else invocation?.reject(new Error(message.error));
        return;
      }
    }
  }

  private notePeak(peakMb: number): void {
    if (peakMb <= this.peakMb) return;
    this.peakMb = peakMb;
    this.events.onMemory(this.memory());
  }
}

/** The invocation `id` still awaits its answer, now no longer. */
function take(pending: Map<number, Pending>, id: number): Pending | undefined {
  const invocation = pending.get(id);
  pending.delete(id);
  if (invocation) clearTimeout(invocation.timer);
  return invocation;
}
