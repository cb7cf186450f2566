import type { MenuItemConstructorOptions } from 'electron';

/**
 * The smallest menu that keeps the keys people expect. macOS routes Cmd+C/V/X/A/Z and Cmd+Q through
 * the application menu: with no menu at all they do nothing. In kiosk mode there is no way out from
 * the keyboard: editing keys only, no Quit, no Close, no reload or developer tools (nor in any kiosk run).
 */
export function applicationMenuTemplate(
  platform: NodeJS.Platform,
  options: { kiosk: boolean; developer?: boolean },
): MenuItemConstructorOptions[] {
  const edit: MenuItemConstructorOptions = { role: 'editMenu' };
  if (options.kiosk) {
    // On macOS the first menu is the app menu whatever its label: About only, so Cmd+Q has nothing to press.
    return platform === 'darwin' ? [{ label: 'NoPOS Terminal', submenu: [{ role: 'about' }] }, edit] : [edit];
  }
  // A development run keeps reload and the developer tools (an installed terminal's window has none).
  const view: MenuItemConstructorOptions[] = options.developer ? [{ role: 'viewMenu' }] : [];
  return platform === 'darwin' ? [{ role: 'appMenu' }, edit, ...view] : [{ label: 'File', submenu: [{ role: 'quit' }] }, edit, ...view];
}
