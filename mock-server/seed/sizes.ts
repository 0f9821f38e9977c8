// Named sizes count people: practitioners plus patients (related persons come on top).
export const SIZE_PRESETS = { tiny: 40, small: 300, medium: 2000, large: 20000 } as const;
export type SizeName = keyof typeof SIZE_PRESETS;
export const MAX_SIZE = 50_000;

export function resolveSize(size: number | SizeName): number {
  if (typeof size === 'string' && Object.hasOwn(SIZE_PRESETS, size)) return SIZE_PRESETS[size];
  if (typeof size === 'number' && Number.isInteger(size) && size >= 1 && size <= MAX_SIZE) return size;
  const presets = Object.entries(SIZE_PRESETS)
    .map(([name, count]) => `'${name}' (${count})`)
    .join(', ');
  throw new Error(`size must be one of ${presets} or a whole number from 1 to ${MAX_SIZE}; got ${describe(size)}`);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  return String(value);
}
