import { LiveLine } from './live-line';

function terminal(columns: number) {
  const writes: string[] = [];
  return { writes, stream: { write: (text: string) => writes.push(text), isTTY: true, columns } };
}

describe('live status line', () => {
  it('redraws in place within the width, at most every 100 ms, and ends with the last state', () => {
    let clock = 0;
    const { writes, stream } = terminal(41);
    const line = new LiveLine(stream, () => clock);

    line.update((width) => `one ${width}`);
    clock = 50;
    line.update(() => 'two');
    clock = 150;
    line.update(() => 'three');
    line.update(() => 'four');
    line.end();

    expect(writes).toEqual(['\r\x1b[2Kone 40', '\r\x1b[2Kthree', '\r\x1b[2Kfour', '\n']);
  });

  it('prints a message above the line and draws the line again below it', () => {
    const { writes, stream } = terminal(80);
    const messages: string[] = [];
    const line = new LiveLine(stream, () => 0);

    line.update(() => 'progress');
    line.log({ write: (text: string) => messages.push(text) }, 'failed a.jpg: AccessDenied');

    expect(messages).toEqual(['failed a.jpg: AccessDenied\n']);
    expect(writes).toEqual(['\r\x1b[2Kprogress', '\r\x1b[2K', '\r\x1b[2Kprogress']);
  });
});
