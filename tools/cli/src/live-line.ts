import type { OutputStream } from './cli-io';

// Redrawing faster than this only costs CPU; the eye cannot follow it.
const MIN_REDRAW_MS = 100;
const CLEAR_LINE = '\r\x1b[2K';

/**
 * A single status line on a terminal, redrawn in place, with messages printed above it.
 * `render` gets the usable width, so the line never wraps.
 *
 * @example
 * const line = new LiveLine(process.stdout);
 * line.update((width) => formatUploadLine(progress, width));
 * line.log(process.stderr, 'failed a.jpg: AccessDenied');
 * line.end();
 */
export class LiveLine {
  private render: ((width: number) => string) | undefined;
  private drawnAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly out: OutputStream,
    private readonly now: () => number = Date.now,
  ) {}

  /** Sets what the line shows; redraws unless it was redrawn moments ago. */
  update(render: (width: number) => string): void {
    this.render = render;
    if (this.now() - this.drawnAt >= MIN_REDRAW_MS) this.draw();
  }

  /** Prints a message on its own line above the status line. */
  log(stream: OutputStream, text: string): void {
    if (this.render) this.out.write(CLEAR_LINE);
    stream.write(`${text}\n`);
    if (this.render) this.draw();
  }

  /** Draws the final state and moves below it; the line then stays as a record. */
  end(): void {
    if (!this.render) return;
    this.draw();
    this.out.write('\n');
    this.render = undefined;
  }

  private draw(): void {
    if (!this.render) return;
    // One column spare: writing into the last column makes some terminals wrap.
    this.out.write(`${CLEAR_LINE}${this.render(Math.max(20, (this.out.columns || 80) - 1))}`);
    this.drawnAt = this.now();
  }
}
