import type { z } from 'zod';
import type { passkeyViewSchema } from './passkey-response.schemas';
import type { PasskeyRecord } from './passkey-store';

/** A passkey as its owner sees it: never the public key or the counter. */
export type PasskeyView = z.infer<typeof passkeyViewSchema>;

export function toPasskeyView(record: PasskeyRecord): PasskeyView {
  return {
    id: record.id,
    name: record.name,
    createdAt: record.createdAt.toISOString(),
    lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
    backedUp: record.backedUp,
    deviceType: record.deviceType,
    transports: [...record.transports],
  };
}
