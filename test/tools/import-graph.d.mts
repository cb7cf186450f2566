/** Every import inside electron/main/ that runs up or across the layers (scripts/main-layers.mjs). */
export function upwardImports(): { from: string; to: string; reason: string }[];
