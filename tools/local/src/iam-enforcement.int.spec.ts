import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PublishCommand } from '@aws-sdk/client-sns';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  awsConfigFromStack,
  createDynamoDbDocumentClient,
  createS3Client,
  createSnsClient,
} from '@imgpipe/aws';
import { buildS3EventRecord, buildS3Notification } from '@imgpipe/event-schemas';
import type { ImageRecord } from '@imgpipe/event-schemas';
import { SERVICES, WATERMARK_ASSET_PREFIX, serviceNamed } from '@imgpipe/registry';
import { jpeg, pngWithAlpha, waitFor } from '@imgpipe/testing';
import { startLocalStack } from './testing/start-local-stack';
import type { LocalStack } from '@imgpipe/testing';
import { revocableGrants } from './iam/local-principals';

jest.setTimeout(600_000);

const LOGO_KEY = `${WATERMARK_ASSET_PREFIX}logo.png`;
const GONE_KEY = 'iam/uploaded then deleted.jpg';
// A removal: each service deletes under its own output prefix (nothing is there, but S3
// checks s3:DeleteObject first) and marks its stage deleted.
const REMOVED_KEY = 'iam/removed.jpg';

/** Each service's grants, as `--revoke` names them: its event source mapping's first. */
const grantsOf = new Map(
  SERVICES.map((service) => [
    service.name,
    revocableGrants().filter((grant) => grant.startsWith(`${service.project}:`)),
  ]),
);
const rounds = Math.max(...[...grantsOf.values()].map((grants) => grants.length));

/** The actions a revoked grant held, from the registry (or the event source's queue actions). */
function actionsOf(grant: string): readonly string[] {
  const [project = '', sid] = grant.split(':');
  const found = serviceNamed(project).grants.find((candidate) => candidate.sid === sid);
  return found?.actions ?? ['sqs:ReceiveMessage'];
}

/** Starts every service with `revoked` left out, the watermark drawing a logo kept in the bucket. */
async function startWith(revoked: readonly string[]): Promise<LocalStack> {
  const local = await startLocalStack({
    env: { WATERMARK_LOGO_KEY: LOGO_KEY },
    services: SERVICES.map((service) => service.name),
    // Quick retries: a queue may hide a message no shorter than its function runs, as on AWS,
    // and a little longer leaves room for a cold start, which only the visibility counts.
    args: [
      '--visibility-timeout',
      '10',
      '--function-timeout',
      '6',
      ...(revoked.length > 0 ? ['--revoke', revoked.join(',')] : []),
    ],
  });
  const config = awsConfigFromStack(local.stack);
  const s3 = createS3Client(config);
  await s3.send(
    new PutObjectCommand({
      Bucket: local.stack.buckets.processed,
      Key: LOGO_KEY,
      Body: await pngWithAlpha({ width: 64, height: 32 }),
    }),
  );
  await s3.send(
    new PutObjectCommand({
      Bucket: local.stack.buckets.source,
      Key: 'iam/photo.jpg',
      Body: await jpeg({ width: 320, height: 240 }),
    }),
  );
  // An upload deleted before the services saw it: only a HEAD that may list finds it gone.
  const record = buildS3EventRecord({
    bucket: local.stack.buckets.source,
    key: GONE_KEY,
    sequencer: '0A',
  });
  const removal = buildS3EventRecord({
    bucket: local.stack.buckets.source,
    key: REMOVED_KEY,
    sequencer: '0B',
    eventName: 'ObjectRemoved:Delete',
  });
  await createSnsClient(config).send(
    new PublishCommand({
      TopicArn: local.stack.topicArn,
      Message: JSON.stringify(buildS3Notification([record, removal])),
    }),
  );
  return local;
}

describe('the local stack under IAM enforcement', () => {
  it('given every grant, when an upload, a vanished upload and a removal arrive, then the first is done, the second rejected as missing and the third deleted, with no denial', async () => {
    const local = await startWith([]);
    try {
      const db = createDynamoDbDocumentClient(awsConfigFromStack(local.stack));
      const read = async (imageId: string) =>
        (await db.send(new GetCommand({ TableName: local.stack.table, Key: { imageId } }))).Item as
          ImageRecord | undefined;
      const stages = SERVICES.map((service) => service.stage);

      const done = await waitFor(
        async () => {
          const item = await read('iam/photo.jpg');
          return stages.every((stage) => item?.[stage]?.status === 'done') && item;
        },
        { timeoutMs: 120_000, what: 'every stage done for iam/photo.jpg' },
      );
      const gone = await waitFor(
        async () => {
          const item = await read(GONE_KEY);
          return stages.every((stage) => item?.[stage]?.status === 'rejected') && item;
        },
        { timeoutMs: 120_000, what: 'every stage rejected for the vanished upload' },
      );

      await waitFor(
        async () => {
          const item = await read(REMOVED_KEY);
          return stages.every((stage) => item?.[stage]?.status === 'deleted') && item;
        },
        { timeoutMs: 120_000, what: 'every stage deleted for the removed object' },
      );

      expect(stages.map((stage) => done[stage]?.status)).toEqual(stages.map(() => 'done'));
      expect(stages.map((stage) => (gone[stage] as { code?: string }).code)).toEqual(
        stages.map(() => 'source-missing'),
      );
      // The runner prints an outcome after deleting the message, its last call for it.
      for (const service of SERVICES) {
        await local.waitForOutput(new RegExp(`${service.name}\\s+done\\s+iam/photo\\.jpg`), {
          timeoutMs: 60_000,
        });
        await local.waitForOutput(
          new RegExp(`${service.name}\\s+rejected\\s+iam/uploaded then deleted`),
          {
            timeoutMs: 60_000,
          },
        );
        await local.waitForOutput(
          new RegExp(`${service.name}\\s+acknowledged\\s+iam/removed\\.jpg\\s+\\(source deleted`),
          { timeoutMs: 60_000 },
        );
      }
      expect(local.output()).not.toContain('iam: denied');
    } finally {
      await local.stop();
    }
  });

  it.each(Array.from({ length: rounds }, (_, round) => [round]))(
    'given round %i of grants revoked (one per service), then each service fails with AccessDenied naming an action of the missing grant',
    async (round) => {
      const revoked = [...grantsOf.values()].flatMap((grants) => grants[round] ?? []);
      const local = await startWith(revoked);
      try {
        for (const grant of revoked) {
          const principal = grant.split(':')[0] ?? '';
          await waitFor(
            () =>
              actionsOf(grant).some((action) =>
                local.output().includes(`iam: denied ${principal} ${action} `),
              ),
            { timeoutMs: 120_000, what: `a denial of ${grant}` },
          ).catch((error: Error) => {
            throw new Error(`${error.message}; the stack printed:\n${local.output().slice(-4000)}`);
          });
        }
        expect(revoked.length).toBeGreaterThan(0);
      } finally {
        await local.stop();
      }
    },
  );
});
