import type { GatewayCall } from './fault-requests';
import { FaultController, InjectedFaultError } from './fault-controller';
import { parseFaultSpec } from './fault-spec';

/** Returns the given values in turn, as `Math.random` would. */
const sequence = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length] ?? 0;
};

const put = (bucket: string, principal = 'resize-service'): GatewayCall => ({
  service: 's3',
  principal,
  putObject: { bucket, key: 'resized/a.jpg/320w.webp' },
});
const dynamo = (operation: string, principal = 'metadata-service'): GatewayCall => ({
  service: 'dynamodb',
  principal,
  operation,
});

describe('fault controller', () => {
  it('given no fault switched on, then every call goes through', () => {
    const faults = new FaultController();

    expect(faults.forGatewayCall(put('processed'))).toBeUndefined();
    expect(faults.forGatewayCall(dynamo('UpdateItem'))).toBeUndefined();
    expect(() => faults.beforeHandler('resize', 3)).not.toThrow();
    expect(faults.list()).toEqual([]);
  });

  it('given an S3 write fault on one bucket, then only PutObject to that bucket fails, alternating 500 and 503', () => {
    const faults = new FaultController();
    const fault = faults.switchOn(
      parseFaultSpec({ kind: 's3-put-object', buckets: ['processed'] }),
    );

    const answers = [1, 2, 3].map(() => faults.forGatewayCall(put('processed'))?.status);
    const elsewhere = faults.forGatewayCall(put('source', 'admin'));
    const read = faults.forGatewayCall({ service: 's3', principal: 'x', putObject: undefined });

    expect(answers).toEqual([500, 503, 500]);
    expect([elsewhere, read]).toEqual([undefined, undefined]);
    expect(fault).toMatchObject({ matched: 3, failed: 3, active: true });
  });

  it('given a share of 0.3, then a call fails when the draw falls under it, and both are counted', () => {
    const faults = new FaultController(sequence(0.1, 0.5, 0.29, 0.3));
    const fault = faults.switchOn(parseFaultSpec({ kind: 'dynamodb-throttle', share: 0.3 }));

    const statuses = [1, 2, 3, 4].map(() => faults.forGatewayCall(dynamo('GetItem'))?.status);

    expect(statuses).toEqual([400, undefined, 400, undefined]);
    expect(fault).toMatchObject({ matched: 4, failed: 2 });
  });

  it('given throttling narrowed to UpdateItem by services, then other operations and principals pass', () => {
    const faults = new FaultController();
    faults.switchOn(
      parseFaultSpec({
        kind: 'dynamodb-throttle',
        operations: ['UpdateItem'],
        principals: ['metadata-service'],
      }),
    );

    expect(faults.forGatewayCall(dynamo('GetItem'))).toBeUndefined();
    expect(faults.forGatewayCall(dynamo('UpdateItem', 'admin'))).toBeUndefined();
    expect(faults.forGatewayCall(dynamo('UpdateItem'))?.status).toBe(400);
  });

  it('given a fault switched off, then calls pass again and its counts stay readable', () => {
    const faults = new FaultController(Math.random, () => new Date('2026-11-27T17:00:00Z'));
    const fault = faults.switchOn(parseFaultSpec({ kind: 'dynamodb-throttle' }));
    faults.forGatewayCall(dynamo('UpdateItem'));

    const off = faults.switchOff(fault.id);

    expect(faults.forGatewayCall(dynamo('UpdateItem'))).toBeUndefined();
    expect(off).toMatchObject({ active: false, failed: 1, until: '2026-11-27T17:00:00.000Z' });
    expect(() => faults.switchOff(99)).toThrow('no fault 99');
  });

  it('given a handler fault for resize, then resize invocations throw and count their messages, others run', () => {
    const faults = new FaultController();
    const fault = faults.switchOn(parseFaultSpec({ kind: 'handler-throws', service: 'resize' }));

    expect(() => faults.beforeHandler('resize', 2)).toThrow(InjectedFaultError);
    expect(() => faults.beforeHandler('resize', 1)).toThrow(/injected fault/);
    expect(() => faults.beforeHandler('metadata', 10)).not.toThrow();
    expect(fault).toMatchObject({ failed: 2, failedMessages: 3 });
  });
});

describe('fault specs', () => {
  it('given a bare kind, then the defaults: every call, both S3 answers', () => {
    expect(parseFaultSpec({ kind: 's3-put-object' })).toEqual({
      kind: 's3-put-object',
      share: 1,
      statuses: [500, 503],
    });
  });

  it.each([
    [{ kind: 'dns-outage' }, /kind/],
    [{ kind: 'dynamodb-throttle', share: 0 }, /share/],
    [{ kind: 'dynamodb-throttle', share: 1.5 }, /share/],
    [{ kind: 's3-put-object', statuses: [404] }, /statuses/],
    [{ kind: 'handler-throws', service: 'upload' }, /service/],
    [{ kind: 'handler-throws', service: 'resize', typo: 1 }, /typo|Unrecognized/],
  ])('given %j, then it is refused naming the field', (body, message) => {
    expect(() => parseFaultSpec(body)).toThrow(message);
  });
});
