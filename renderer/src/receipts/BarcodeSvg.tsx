const QUIET_MODULES = 10;

/**
 * Draws a linear barcode from its module pattern ('1' a bar module, '0' a space module), as the
 * Code 128 encoder in shared/ produces it. Only SVG attributes, no inline style: the CSP allows none.
 */
export function BarcodeSvg({ modules, label, height = 56 }: { modules: string; label: string; height?: number }) {
  const bars: { x: number; width: number }[] = [];
  for (let i = 0; i < modules.length; i++) {
    if (modules[i] !== '1') continue;
    const start = i;
    while (modules[i + 1] === '1') i++;
    bars.push({ x: QUIET_MODULES + start, width: i - start + 1 });
  }
  const width = modules.length + 2 * QUIET_MODULES;
  return (
    <svg
      className="barcode"
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={`Barcode of ${label}`}
      data-modules={modules.length}
    >
      <rect x={0} y={0} width={width} height={height} fill="#fff" />
      {bars.map((bar) => (
        <rect key={bar.x} x={bar.x} y={0} width={bar.width} height={height} fill="#000" />
      ))}
    </svg>
  );
}
