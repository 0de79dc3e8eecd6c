'use strict';
// Source maps that map only the repository's own code (see `ownSourcesOnly`).
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...B64].map((c, i) => [c, i]));

function decodeSegment(text) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = DIGIT.get(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function encodeValue(value) {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let text = '';
  do {
    let digit = rest & 31;
    rest >>>= 5;
    if (rest > 0) digit |= 32;
    text += B64[digit];
  } while (rest > 0);
  return text;
}

/**
 * Keeps a source map's mappings into the sources `keep` accepts; a run of code from any other
 * source becomes unmapped (a column-only segment), so a position in it is reported as the
 * bundle's own position, never as the nearest kept line. Unused sources and names are dropped.
 *
 * @example
 * ownSourcesOnly(map, (source) => !source.includes('/node_modules/'));
 */
function ownSourcesOnly(map, keep) {
  const state = [0, 0, 0, 0];
  const out = [0, 0, 0, 0];
  const sources = [];
  const names = [];
  const sourceIndex = new Map();
  const nameIndex = new Map();
  const indexIn = (list, index, value) => {
    if (!index.has(value)) index.set(value, list.push(value) - 1);
    return index.get(value);
  };
  const lines = map.mappings.split(';').map((line) => {
    let column = 0;
    let outColumn = 0;
    let mapped = false;
    const segments = [];
    for (const text of line === '' ? [] : line.split(',')) {
      const values = decodeSegment(text);
      column += values[0];
      if (values.length === 1) {
        if (mapped) {
          segments.push(encodeValue(column - outColumn));
          outColumn = column;
          mapped = false;
        }
        continue;
      }
      for (let i = 1; i < values.length; i += 1) state[i - 1] += values[i];
      const [oldSource, originalLine, originalColumn, oldName] = state;
      if (!keep(map.sources[oldSource])) {
        if (mapped) {
          segments.push(encodeValue(column - outColumn));
          outColumn = column;
          mapped = false;
        }
        continue;
      }
      const source = indexIn(sources, sourceIndex, map.sources[oldSource]);
      let segment = encodeValue(column - outColumn);
      segment +=
        encodeValue(source - out[0]) +
        encodeValue(originalLine - out[1]) +
        encodeValue(originalColumn - out[2]);
      out[0] = source;
      out[1] = originalLine;
      out[2] = originalColumn;
      if (values.length === 5) {
        const name = indexIn(names, nameIndex, map.names[oldName]);
        segment += encodeValue(name - out[3]);
        out[3] = name;
      }
      segments.push(segment);
      outColumn = column;
      mapped = true;
    }
    return segments.join(',');
  });
  return { ...map, sources, names, mappings: lines.join(';') };
}
module.exports = { ownSourcesOnly };
