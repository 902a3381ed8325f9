import type { PasskeyDeviceType, PasskeyRecord } from './passkey-store';

/** A passkey as its owner sees it: never the public key or the counter. */
export interface PasskeyView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  backedUp: boolean;
  deviceType: PasskeyDeviceType;
  transports: string[];
}

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
