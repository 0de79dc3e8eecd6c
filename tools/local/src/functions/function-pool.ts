import type { FunctionIdentity } from '../lambda-invocation';
import { FunctionCrashedError, FunctionProcess } from './function-process';
import type { FunctionEvents, FunctionMemory, FunctionSpec } from './function-process';

interface Waiter {
  readonly resolve: (fn: FunctionProcess) => void;
  readonly reject: (error: Error) => void;
}

/**
 * A function as Lambda scales it for concurrent invocations: each invocation has an
 * execution environment (a {@link FunctionProcess}) to itself for as long as it runs, so one
 * that times out or crashes ends no other. When every environment is busy a new one starts
 * (a cold start), up to `maxEnvironments`; beyond that, invocations wait for one to be free,
 * which only bounds what a 2-core machine runs at once.
 *
 * @example
 * const pool = await FunctionPool.start(spec, events, 4);
 * const response = await pool.invoke(event, { functionName: 'imgpipe-upload-api', region, timeoutMs });
 * await pool.stop();
 */
export class FunctionPool {
  private readonly environments: FunctionProcess[] = [];
  private readonly idle: FunctionProcess[] = [];
  private readonly waiting: Waiter[] = [];
  /** Environments starting now, for `stop` to wait for. */
  private readonly starting = new Set<Promise<FunctionProcess>>();
  private stopping = false;

  private constructor(
    private readonly spec: FunctionSpec,
    private readonly events: FunctionEvents,
    private readonly maxEnvironments: number,
  ) {}

  /**
   * Starts the first environment and waits for its handler to load.
   *
   * @throws Error with the reason when the handler does not load.
   */
  static async start(
    spec: FunctionSpec,
    events: FunctionEvents,
    maxEnvironments: number,
  ): Promise<FunctionPool> {
    const pool = new FunctionPool(spec, events, maxEnvironments);
    pool.idle.push(await pool.add());
    return pool;
  }

  /** How many environments have been started. */
  get size(): number {
    return this.environments.length;
  }

  /** Invokes the handler in an environment of its own; see {@link FunctionProcess.invoke}. */
  async invoke(event: unknown, identity: FunctionIdentity): Promise<unknown> {
    const fn = await this.acquire();
    try {
      return await fn.invoke(event, identity);
    } finally {
      this.release(fn);
    }
  }

  /** The highest peak of any environment, and the restarts of all of them. */
  memory(): FunctionMemory {
    return {
      peakMb: Math.max(0, ...this.environments.map((fn) => fn.memory().peakMb)),
      limitMb: this.spec.memoryMb,
      restarts: this.environments.reduce((sum, fn) => sum + fn.memory().restarts, 0),
    };
  }

  /** Fails invocations still waiting and lets every environment end. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const waiter of this.waiting.splice(0))
      waiter.reject(new FunctionCrashedError(`${this.spec.name} is stopping`));
    await Promise.allSettled([...this.starting]);
    await Promise.all(this.environments.map((fn) => fn.stop()));
  }

  private async acquire(): Promise<FunctionProcess> {
    if (this.stopping) throw new FunctionCrashedError(`${this.spec.name} is stopping`);
    const free = this.idle.pop();
    if (free !== undefined) return free;
    if (this.environments.length + this.starting.size < this.maxEnvironments) return this.add();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private release(fn: FunctionProcess): void {
    const next = this.waiting.shift();
    if (next !== undefined) next.resolve(fn);
    else this.idle.push(fn);
  }

  /** Starts another environment, which `stop` waits for while it starts. */
  private add(): Promise<FunctionProcess> {
    const adding = this.startEnvironment();
    this.starting.add(adding);
    const forget = () => this.starting.delete(adding);
    adding.then(forget, forget);
    return adding;
  }

  private async startEnvironment(): Promise<FunctionProcess> {
    const fn = await FunctionProcess.start(this.spec, {
      ...this.events,
      onMemory: () => this.events.onMemory(this.memory()),
    });
    // Kept even when the pool is stopping, for `stop` to end it with the others.
    this.environments.push(fn);
    this.events.onMemory(this.memory());
    if (this.stopping) throw new FunctionCrashedError(`${this.spec.name} is stopping`);
    return fn;
  }
}
