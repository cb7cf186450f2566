import { useEffect, useLayoutEffect, useRef, useState } from 'react';

export interface NavScreen {
  id: string;
  label: string;
}

/**
 * The screens in the header. As many as fit are shown whole, in their order; the rest sit in a
 * "More" menu, which names the current screen when it is one of them. Nothing is ever cut or
 * scrolled sideways, whatever the role and the width (the header is measured, not guessed).
 */
export function ScreenNav({ screens, current, onSelect }: { screens: NavScreen[]; current: string; onSelect: (id: string) => void }) {
  const nav = useRef<HTMLElement>(null);
  const ruler = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState(screens.length);
  const [open, setOpen] = useState(false);
  const currentAt = screens.findIndex((s) => s.id === current);

  useLayoutEffect(() => {
    const box = nav.current;
    const measure = ruler.current;
    if (!box || !measure) return;
    const fit = () => {
      const widths = [...measure.children].map((c) => c.getBoundingClientRect().width);
      const moreNamed = widths.pop() ?? 0;
      const more = widths.pop() ?? 0;
      const gap = parseFloat(getComputedStyle(box).columnGap) || 0;
      const room = box.clientWidth;
      const all = widths.reduce((sum, w) => sum + w + gap, -gap);
      if (all <= room) return setShown(widths.length);
      const fitting = (reserve: number) => {
        let used = reserve;
        let count = 0;
        for (const w of widths) {
          if (used + gap + w > room) break;
          used += gap + w;
          count++;
        }
        return count;
      };
      // When the current screen lands in the menu, the button names it and needs that much more room.
      const count = fitting(more);
      setShown(currentAt >= count ? fitting(moreNamed) : count);
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(box);
    return () => observer.disconnect();
  }, [screens, currentAt]);

  const visible = screens.slice(0, shown);
  const overflow = screens.slice(shown);
  const currentInMenu = overflow.find((s) => s.id === current);

  return (
    <nav className="nav" aria-label="Screens" ref={nav}>
      {visible.map((s) => (
        <button
          key={s.id}
          type="button"
          className="nav__item"
          aria-current={current === s.id ? 'page' : undefined}
          onClick={() => onSelect(s.id)}
        >
          {s.label}
        </button>
      ))}
      {overflow.length > 0 && (
        <MoreMenu
          screens={overflow}
          current={current}
          open={open}
          setOpen={setOpen}
          onSelect={onSelect}
          label={currentInMenu ? `More: ${currentInMenu.label}` : 'More'}
        />
      )}
      {/* Off-screen copies, for their widths only. */}
      <div className="nav__ruler" ref={ruler} aria-hidden="true" inert>
        {screens.map((s) => (
          <span key={s.id} className="nav__item">
            {s.label}
          </span>
        ))}
        <span className="nav__item">More ▾</span>
        <span className="nav__item">More: {screens[currentAt]?.label ?? ''} ▾</span>
      </div>
    </nav>
  );
}

function MoreMenu({
  screens,
  current,
  open,
  setOpen,
  onSelect,
  label,
}: {
  screens: NavScreen[];
  current: string;
  open: boolean;
  setOpen: (open: boolean) => void;
  onSelect: (id: string) => void;
  label: string;
}) {
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus();
    const away = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open, setOpen]);

  const keys = (event: React.KeyboardEvent) => {
    const items = [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape') {
      // Esc closes this menu only, not a dialog under it.
      event.stopPropagation();
      setOpen(false);
      toggle.current?.focus();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    }
  };

  return (
    <div className="nav__more" ref={root} onKeyDown={keys}>
      <button
        ref={toggle}
        type="button"
        className="nav__item"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-current={screens.some((s) => s.id === current) ? 'page' : undefined}
        onClick={() => setOpen(!open)}
      >
        {label} ▾
      </button>
      {open && (
        <div className="nav__menu" role="menu" aria-label="More screens" ref={menu}>
          {screens.map((s) => (
            <button
              key={s.id}
              type="button"
              role="menuitem"
              className="nav__menu-item"
              aria-current={current === s.id ? 'page' : undefined}
              onClick={() => (setOpen(false), onSelect(s.id))}
            >
              {s.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
