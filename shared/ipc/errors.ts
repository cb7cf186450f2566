import { z } from 'zod';

/**
 * Every failure that crosses the bridge carries one of these codes. The renderer switches on
 * the code; the message is for people and never holds a stack trace, a secret or the input.
 */
export const IPC_ERROR_CODES = [
  'unknown_channel',
  'untrusted_sender',
  'invalid_request',
  'unauthenticated',
  'forbidden',
  'rate_limited',
  'invalid_response',
  'unavailable',
  'conflict',
  'not_found',
  'internal',
] as const;

export const ipcErrorCodeSchema = z.enum(IPC_ERROR_CODES);
export type IpcErrorCode = z.infer<typeof ipcErrorCodeSchema>;

export const ipcErrorSchema = z
  .object({
    code: ipcErrorCodeSchema,
    message: z.string().max(500),
  })
  .strict();
export type IpcErrorPayload = z.infer<typeof ipcErrorSchema>;

/** What every channel call resolves to on the wire: never a rejection, always one of these. */
export type IpcResult<T> = { ok: true; data: T } | { ok: false; error: IpcErrorPayload };

export const ipcResultSchema = z.union([
  z.object({ ok: z.literal(true), data: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: ipcErrorSchema }).strict(),
]);

/**
 * The error main-process code throws on purpose. Anything else that is thrown becomes
 * `internal` with a fixed message, so an unexpected exception can never leak its text.
 */
export class AppError extends Error {
  readonly code: IpcErrorCode;

  constructor(code: IpcErrorCode, message: string) {
    super(message);
    this.name = 'AppError';
    this.code = code;
  }

  toPayload(): IpcErrorPayload {
    return { code: this.code, message: this.message.slice(0, 500) };
  }
}
