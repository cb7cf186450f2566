// The sync area's face: delivery of the outbox, the events feed, catalog and staff pulls, clock checks.
export { createSync, type Sync, type SyncPorts } from './create-sync';
export type { SyncTimings } from './sync-engine';
export type { PaymentDecline, PaymentDeclines } from './payment-declines';
export { createSyncHandlers } from './sync-handlers';
