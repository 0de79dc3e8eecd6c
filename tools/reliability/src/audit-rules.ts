import { SERVICES, STAGES } from '@imgpipe/registry';
import type { ImageRecord } from '@imgpipe/event-schemas';
import type { ImageSpec } from './corpus-plan';

/** One output a record names, to be opened and decoded. */
export interface NamedOutput {
  readonly imageKey: string;
  readonly key: string;
  readonly width: number;
  readonly height: number;
}

/** What a full count found wrong (empty lists: nothing). */
export interface AuditFindings {
  /** Uploaded images with no record at all. */
  readonly missing: readonly string[];
  /** Records with a stage not yet ended. */
  readonly pending: readonly string[];
  /** Good images with a stage recorded `rejected`: a transient fault made permanent. */
  readonly wronglyRejected: readonly string[];
  /** Records whose image facts disagree with what was uploaded. */
  readonly wrongFacts: readonly string[];
  /** Output keys outside the shape the image's key gives (`resized/<key>/…`, `watermarked/<key>.…`). */
  readonly misplacedOutputs: readonly string[];
  /** Outputs a record names that are not in the processed bucket. */
  readonly absentOutputs: readonly string[];
  /** Objects under a service's output prefix that no record names, or named twice. */
  readonly duplicates: readonly string[];
  /** Every output the records name, for decoding. */
  readonly outputs: readonly NamedOutput[];
}

/** The services that write objects, with the record stage that names them. */
const WRITERS = SERVICES.flatMap((service) =>
  'outputPrefix' in service ? [{ stage: service.stage, prefix: service.outputPrefix }] : [],
);

/**
 * Counts every uploaded image against the table and the processed bucket, with no sampling:
 * each has a record whose every stage is `done` with the uploaded size; each output a record
 * names has the key shape of its service and is in the bucket; and the bucket's service
 * prefixes hold exactly the outputs the table's records name (another object there, or one
 * named twice, is a duplicate).
 *
 * @example
 * const findings = auditRecords(specs, recordsByKey, new Set(processedKeys));
 * expect(findings.missing).toEqual([]);
 */
export function auditRecords(
  specs: readonly ImageSpec[],
  records: ReadonlyMap<string, ImageRecord>,
  processedKeys: ReadonlySet<string>,
): AuditFindings {
  const findings = {
    missing: [] as string[],
    pending: [] as string[],
    wronglyRejected: [] as string[],
    wrongFacts: [] as string[],
    misplacedOutputs: [] as string[],
    absentOutputs: [] as string[],
    duplicates: [] as string[],
    outputs: [] as NamedOutput[],
  };
  const named = new Map<string, number>();
  for (const spec of specs) {
    const record = records.get(spec.key);
    if (record === undefined) {
      findings.missing.push(spec.key);
      continue;
    }
    if (STAGES.some((stage) => record[stage] === undefined)) findings.pending.push(spec.key);
    const rejected = STAGES.filter((stage) => record[stage]?.status === 'rejected');
    if (rejected.length > 0)
      findings.wronglyRejected.push(
        `${spec.key}: ${rejected.map((stage) => `${stage} ${JSON.stringify(record[stage])}`).join('; ')}`,
      );
    const image = record.image;
    if (
      image?.status === 'done' &&
      (image.width !== spec.width || image.height !== spec.height || image.pages !== spec.frames)
    )
      findings.wrongFacts.push(
        `${spec.key}: recorded ${image.width}×${image.height}, ${image.pages} page(s); uploaded ${spec.width}×${spec.height}, ${spec.frames}`,
      );
    for (const { stage, prefix } of WRITERS) {
      const written = record[stage];
      if (written?.status !== 'done') continue;
      for (const output of written.outputs) {
        const shaped =
          output.key.startsWith(`${prefix}${spec.key}/`) ||
          output.key.startsWith(`${prefix}${spec.key}.`);
        if (!shaped) findings.misplacedOutputs.push(`${spec.key}: ${output.key}`);
        if (!processedKeys.has(output.key)) findings.absentOutputs.push(output.key);
        else findings.outputs.push({ imageKey: spec.key, ...output });
      }
    }
  }
  // Every record counts here, not only the counted images': an object no record names is left over.
  for (const record of records.values()) {
    for (const { stage } of WRITERS) {
      const written = record[stage];
      if (written?.status !== 'done') continue;
      for (const output of written.outputs) named.set(output.key, (named.get(output.key) ?? 0) + 1);
    }
  }
  for (const [key, times] of named)
    if (times > 1) findings.duplicates.push(`${key} (named ${times}×)`);
  for (const key of processedKeys) {
    if (WRITERS.some(({ prefix }) => key.startsWith(prefix)) && !named.has(key))
      findings.duplicates.push(key);
  }
  return findings;
}
