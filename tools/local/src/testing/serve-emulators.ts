// Runs the three emulators alone, with nothing in front of them, for specs that must reach
// them directly in a process of their own (an uncaught error there ends that process, which
// is what those specs look for). Prints one JSON line of endpoints; SIGTERM stops it.
import { join } from 'node:path';
import { startDynamoDb, startS3, startSnsSqs } from '../emulators';
import { REGION } from '../stack-runtime';

async function serve(dataDir: string): Promise<void> {
  const s3 = await startS3(join(dataDir, 's3'), 0);
  const dynamodb = await startDynamoDb(join(dataDir, 'dynamodb'), 0);
  const sqs = await startSnsSqs(0, REGION);
  process.stdout.write(
    `${JSON.stringify({ s3: s3.endpoint, dynamodb: dynamodb.endpoint, sqs: sqs.endpoint })}\n`,
  );
  process.once('SIGTERM', () => {
    void Promise.all([s3.stop(), dynamodb.stop(), sqs.stop()]).then(() => process.exit(0));
  });
}

void serve(process.argv[2] ?? '.');
