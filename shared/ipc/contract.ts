import { sessionViewSchema } from '../domain/staff';
import { syncStatusSchema } from '../domain/sync';
import { appChannels } from './areas/app';
import { approvalsChannels } from './areas/approvals';
import { auditChannels } from './areas/audit';
import { catalogChannels } from './areas/catalog';
import { customersChannels } from './areas/customers';
import { devicesChannels, devicesEvents } from './areas/devices';
import { drawerChannels } from './areas/drawer';
import { kioskChannels } from './areas/kiosk';
import { paymentsChannels } from './areas/payments';
import { receiptsChannels, receiptsEvents } from './areas/receipts';
import { refundsChannels } from './areas/refunds';
import { salesChannels } from './areas/sales';
import { sessionChannels } from './areas/session';
import { settingsChannels } from './areas/settings';
import { shiftsChannels } from './areas/shifts';
import { staffChannels } from './areas/staff';
import { storageChannels } from './areas/storage';
import { syncChannels } from './areas/sync';
import { defineContract, event } from './contract-kit';

/**
 * The one source of truth for the bridge between renderer and main. Each channel names its request
 * schema, its response schema and the permission it needs; the preload, the main-process registry
 * and the renderer's client are all derived from this object. Each area keeps its channels in
 * shared/ipc/areas/<area>.ts; this file only composes them.
 */
export const contract = defineContract({
  channels: {
    app: appChannels,
    settings: settingsChannels,
    audit: auditChannels,
    storage: storageChannels,
    session: sessionChannels,
    staff: staffChannels,
    approvals: approvalsChannels,
    kiosk: kioskChannels,
    drawer: drawerChannels,
    catalog: catalogChannels,
    sales: salesChannels,
    payments: paymentsChannels,
    refunds: refundsChannels,
    shifts: shiftsChannels,
    receipts: receiptsChannels,
    sync: syncChannels,
    customers: customersChannels,
    devices: devicesChannels,
  },
  events: {
    session: { changed: event(sessionViewSchema) },
    sync: { changed: event(syncStatusSchema) },
    devices: devicesEvents,
    receipts: receiptsEvents,
  },
});

export type NoposContract = typeof contract;
