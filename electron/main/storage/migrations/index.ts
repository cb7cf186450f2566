import { migration0001 } from './0001-settings-and-outbox';
import { migration0002 } from './0002-audit-trail';
import { migration0003 } from './0003-staff-and-sign-in';
import { migration0004 } from './0004-catalog';
import { migration0005 } from './0005-register';
import { migration0006 } from './0006-sync';
import { migration0007 } from './0007-mask-card-data';
import { migration0008 } from './0008-card-attempts';
import { migration0009 } from './0009-z-numbers';
import { migration0010 } from './0010-print-jobs';
import { migration0011 } from './0011-customers';
import { migration0012 } from './0012-declined-settlements';
import { migration0013 } from './0013-receipt-prints';
import { migration0014 } from './0014-outbox-waiting';
import type { Migration } from './types';

/** In order, numbered from 1 without gaps; append only, never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
  migration0013,
  migration0014,
];
