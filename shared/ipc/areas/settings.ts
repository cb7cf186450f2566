import { z } from 'zod';
import { settingsPatchSchema, settingsViewSchema } from '../../domain/settings';
import { channel } from '../contract-kit';

export const settingsChannels = {
  // Public: the store name and currency show before anyone signs in, and settings hold no secret.
  get: channel({ request: z.undefined(), response: settingsViewSchema, access: 'public' }),
  update: channel({ request: settingsPatchSchema, response: settingsViewSchema, access: 'manage:settings' }),
};
