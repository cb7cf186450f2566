import type { z } from 'zod';
import type { securityEventSchema } from '../../../shared/api/uploads';

type SecurityEvent = z.input<typeof securityEventSchema>;

/** A queued `security_alert` ({ name, at, ...details }) as the API's security event; null if unusable. */
export function toSecurityEvent(clientId: string, payloadJson: string): SecurityEvent | null {
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(payloadJson) as Record<string, unknown>;
  } catch {
    return null;
  }
  const { name, at, severity, ...rest } = payload;
  if (typeof name !== 'string' || typeof at !== 'string' || !/^[\w-]{8,64}$/.test(clientId)) return null;
  const slug = name
    .toLowerCase()
    .replace(/[^a-z_.]/g, '_')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 70);
  const details: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(rest).slice(0, 20)) {
    if (key.length > 40) continue;
    if (typeof value === 'string') details[key] = value.slice(0, 200);
    else if (typeof value === 'number' || typeof value === 'boolean' || value === null) details[key] = value;
  }
  return {
    id: clientId,
    at,
    event: slug.includes('.') ? slug : `terminal.${slug}`,
    severity: severity === 'info' || severity === 'critical' ? severity : 'warning',
    ...(Object.keys(details).length ? { details } : {}),
  };
}
