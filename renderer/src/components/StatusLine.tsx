export interface StatusMessage {
  tone: 'ok' | 'error' | 'info';
  text: string;
}

/** The one live region a screen reports outcomes in: errors are read out at once, the rest politely. */
export function StatusLine({ message, id }: { message: StatusMessage | null; id?: string }) {
  return (
    <div role="status" aria-live="polite" id={id} className="status-line">
      {message && (
        <p
          className={`message message--${message.tone === 'error' ? 'error' : message.tone === 'ok' ? 'ok' : 'info'}`}
          role={message.tone === 'error' ? 'alert' : undefined}
        >
          {message.text}
        </p>
      )}
    </div>
  );
}
