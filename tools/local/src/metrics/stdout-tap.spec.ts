import { tapStdout } from './stdout-tap';

function capturingStdout(): { written: string[]; restore: () => void } {
  const written: string[] = [];
  const original = process.stdout.write;
  process.stdout.write = ((chunk: unknown) => {
    written.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  return { written, restore: () => (process.stdout.write = original) };
}

describe('tapStdout', () => {
  it('given claimed EMF lines among others, when written, then only the unclaimed text reaches stdout, and untap restores it', () => {
    const out = capturingStdout();
    const claimed: string[] = [];
    try {
      const untap = tapStdout((line) => line.startsWith('{"_aws"') && !!claimed.push(line), false);
      process.stdout.write('{"_aws":{},"A":1}\n');
      process.stdout.write('resize     done  photo.jpg\n');
      process.stdout.write('{"_aws":{},"B":2}\nplain "_aws" mention\n');
      untap();
      process.stdout.write('{"_aws":{},"C":3}\n');
    } finally {
      out.restore();
    }

    expect(claimed).toEqual(['{"_aws":{},"A":1}', '{"_aws":{},"B":2}']);
    expect(out.written).toEqual([
      'resize     done  photo.jpg\n',
      'plain "_aws" mention\n',
      '{"_aws":{},"C":3}\n',
    ]);
  });

  it('given passThrough, when an EMF line is written, then it is both claimed and printed', () => {
    const out = capturingStdout();
    const claimed: string[] = [];
    try {
      const untap = tapStdout((line) => !!claimed.push(line), true);
      process.stdout.write('{"_aws":{}}\n');
      untap();
    } finally {
      out.restore();
    }

    expect(claimed).toEqual(['{"_aws":{}}']);
    expect(out.written).toEqual(['{"_aws":{}}\n']);
  });
});
