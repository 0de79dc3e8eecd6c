// The bundled logo: an "image" pictogram (frame, sun, two hills) drawn with shapes only,
// so librsvg needs no font, and kept as SVG text so the esbuild bundle carries it without
// a file. White with a soft dark outline so it reads on light and dark photos alike.

/**
 * The bundled logo as SVG (208 × 184); ours, so it references nothing outside itself.
 *
 * @example
 * const png = await sharp(Buffer.from(DEFAULT_LOGO_SVG)).png().toBuffer();
 */
export const DEFAULT_LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="208" height="184" viewBox="24 36 208 184">
  <g fill="#fff" stroke="#000" stroke-opacity="0.5" stroke-width="8" stroke-linejoin="round">
    <path fill-rule="evenodd" d="M56 40h144a28 28 0 0 1 28 28v120a28 28 0 0 1-28 28H56a28 28 0 0 1-28-28V68a28 28 0 0 1 28-28zm0 24a4 4 0 0 0-4 4v120a4 4 0 0 0 4 4h144a4 4 0 0 0 4-4V68a4 4 0 0 0-4-4z"/>
    <circle cx="164" cy="100" r="18"/>
    <path d="M60 184l44-60 30 38 22-24 40 46z"/>
  </g>
</svg>`;
