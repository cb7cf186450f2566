import type { MenuItemConstructorOptions } from 'electron';

/**
 * The smallest menu that keeps the keys people expect. macOS routes Cmd+C/V/X/A/Z and Cmd+Q through
 * the application menu: with no menu at all they do nothing. In kiosk mode there is no way out from
 * the keyboard: editing keys only, no Quit, no Close, no reload or developer tools.
 */
export function applicationMenuTemplate(platform: NodeJS.Platform, options: { kiosk: boolean }): MenuItemConstructorOptions[] {
  const edit: MenuItemConstructorOptions = { role: 'editMenu' };
  if (options.kiosk) {
    // On macOS the first menu is the app menu whatever its label: About only, so Cmd+Q has nothing to press.
    return platform === 'darwin' ? [{ label: 'NoPOS Terminal', submenu: [{ role: 'about' }] }, edit] : [edit];
  }
  return platform === 'darwin' ? [{ role: 'appMenu' }, edit] : [{ label: 'File', submenu: [{ role: 'quit' }] }, edit];
}
