import { useId, type ReactNode } from 'react';

/** A labelled form control with optional help, error and an IT-policy lock, all announced to screen readers. */
export function Field({
  label,
  help,
  error,
  locked,
  children,
}: {
  label: string;
  help?: string;
  error?: string;
  locked?: boolean;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean; disabled?: boolean }) => ReactNode;
}) {
  const id = useId();
  const describedBy = [help && `${id}-help`, error && `${id}-error`, locked && `${id}-lock`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
        {locked && (
          <span className="pill pill--warning field__lock" id={`${id}-lock`}>
            Locked by IT policy
          </span>
        )}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, disabled: locked || undefined })}
      {help && (
        <p className="field__help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
