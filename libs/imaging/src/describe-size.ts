// Renders sizes for rejection reasons a person reads: "73.4 MB", "144 MP".

const MIB = 1024 * 1024;

export function describeBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < MIB) return `${trimmed(bytes / 1024)} KB`;
  return `${trimmed(bytes / MIB)} MB`;
}

export function describeMegapixels(pixels: number): string {
  const megapixels = pixels / 1_000_000;
  // Two decimals below 1 MP, so small test limits do not read "0 MP".
  return `${megapixels < 1 ? String(Number(megapixels.toFixed(2))) : trimmed(megapixels)} MP`;
}

function trimmed(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1).replace(/\.0$/, '');
}
