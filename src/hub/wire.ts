import { JsonCodec2 } from '@smithy/core/protocols';
import type { StaticStructureSchema } from '@smithy/types';

// The settings of the SDK's restJson1 protocol, which Security Hub and GuardDuty speak.
const codec = new JsonCodec2({ timestampFormat: { useTrait: true, default: 7 }, jsonName: true });
const decoder = new TextDecoder();

/**
 * An SDK output value turned back into the JSON AWS sent: the producer's own document, with the
 * service's field names (GuardDuty's are camelCase, as EventBridge delivers them too), not the SDK's.
 */
export function wireDocument(schema: StaticStructureSchema, value: unknown): unknown {
  const serializer = codec.createSerializer();
  serializer.write(schema, value);
  return JSON.parse(decoder.decode(serializer.flush())) as unknown;
}
