import type { ButtonHTMLAttributes, ReactNode } from 'react';

type Variant = 'primary' | 'secondary' | 'danger';

export function Button({
  variant = 'primary',
  className,
  type = 'button',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button {...props} type={type} className={['button', `button--${variant}`, className].filter(Boolean).join(' ')} />;
}

/** A dialog's way out, named for what it keeps ("Cancel", "Keep it"); the Esc it shows does the same. */
export function DismissButton({ children = 'Cancel', onClick }: { children?: ReactNode; onClick: () => void }) {
  return (
    <Button variant="secondary" onClick={onClick}>
      {children} <kbd className="kbd">Esc</kbd>
    </Button>
  );
}
