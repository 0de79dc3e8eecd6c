import type { ResidentMemory } from '@imgpipe/process-stats';
import type { FunctionIdentity } from '../lambda-invocation';

/**
 * What the stack sends a function process over IPC: one invocation. Only the event crosses
 * (message bodies, never image bytes), as Lambda's event source mapping hands a function.
 */
export interface InvokeMessage {
  readonly kind: 'invoke';
  readonly id: number;
  readonly event: unknown;
  readonly identity: FunctionIdentity;
}

/** What a function process sends the stack over IPC. */
export type FunctionMessage =
  /** The handler module loaded: invocations may come. */
  | { readonly kind: 'ready' }
  /** The handler module did not load (bad configuration, missing export): the process exits. */
  | { readonly kind: 'load-failed'; readonly error: string }
  /** An EMF document the handler wrote to stdout, for the stack's metrics collector. */
  | { readonly kind: 'metric'; readonly line: string }
  | {
      readonly kind: 'returned';
      readonly id: number;
      readonly response: unknown;
      readonly memory: ResidentMemory | undefined;
    }
  | {
      readonly kind: 'threw';
      readonly id: number;
      readonly error: string;
      readonly memory: ResidentMemory | undefined;
    };
