/** A stage's throttling settings, as the registry gives them to API Gateway. */
export interface ThrottleSettings {
  /** Steady requests per second. */
  readonly rateLimit: number;
  /** Requests at once the bucket holds, and so the largest burst. */
  readonly burstLimit: number;
}

/**
 * API Gateway's stage throttling: a token bucket that holds `burstLimit` tokens and refills
 * at `rateLimit` a second. Each request takes a token; one that finds none is refused with
 * 429, as API Gateway refuses it.
 *
 * @example
 * const throttle = new StageThrottle({ rateLimit: 50, burstLimit: 100 });
 * if (!throttle.admit()) return answer(res, 429, 'Too Many Requests');
 */
export class StageThrottle {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly settings: ThrottleSettings,
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    this.tokens = settings.burstLimit;
    this.refilledAt = nowMs();
  }

  /** Takes a token for one request: `false` when the bucket is empty. */
  admit(): boolean {
    const now = this.nowMs();
    const refill = ((now - this.refilledAt) / 1000) * this.settings.rateLimit;
    this.tokens = Math.min(this.settings.burstLimit, this.tokens + refill);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
