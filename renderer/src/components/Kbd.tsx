/** A keyboard shortcut as shown on a button or in the shortcut bar. */
export function Kbd({ children }: { children: string }) {
  return <kbd className="kbd">{children}</kbd>;
}
