'use strict';
// Stack traces of a function bundle mapped to its TypeScript sources, paid for on the first
// stack formatted instead of at every cold start (see `installStackSourceMap`).

/**
 * Makes `error.stack` report a bundle's frames at their original source positions, as
 * node's `--enable-source-maps` does, but reads and parses `<bundle>.map` only when a stack
 * is first formatted. With the flag, node scans every module it loads for a map comment and,
 * for the bundle, reads the map and walks all ~0.8 MB of it character by character at
 * `require`: ~8 % of a function's cold-start CPU, spent although most containers never
 * format a stack. Frames outside the bundle, or at a position the map leaves unmapped (the
 * dependencies', see own-sources-map.cjs), are written as V8 writes them.
 *
 * Self-contained (no outer variable), because the shared esbuild config puts its source in
 * each bundle's banner: `(${installStackSourceMap})(__filename);`.
 *
 * @example
 * installStackSourceMap(__filename); // then: at loadMetadataConfig (/…/apps/metadata-service/src/config.ts:40:11)
 */
function installStackSourceMap(bundleFile) {
  const bundleUrl = require('node:url').pathToFileURL(bundleFile).href;
  let loaded; // undefined: not read yet; null: unreadable, stacks stay as V8 writes them
  let formatting = false;

  const load = () => {
    if (loaded !== undefined) return loaded;
    loaded = null;
    const { readFileSync } = require('node:fs');
    const { SourceMap } = require('node:module');
    const { dirname, resolve } = require('node:path');
    const payload = JSON.parse(readFileSync(`${bundleFile}.map`, 'utf8'));
    const root = resolve(dirname(bundleFile), payload.sourceRoot || '');
    loaded = { map: new SourceMap(payload), source: (name) => resolve(root, name) };
    return loaded;
  };

  const entryAt = (map, line, column) =>
    line > 0 && column > 0 ? map.findEntry(line - 1, column - 1) : {};

  const inBundle = (site) => {
    const file = site && site.getFileName();
    return file === bundleFile || file === bundleUrl;
  };

  // The original name of the function a frame is in: the map's name at the function's own
  // start, else at the call in the frame below (what node's own mapping does).
  const originalName = (map, sites, index) => {
    const site = sites[index];
    const enclosing = entryAt(map, site.getEnclosingLineNumber(), site.getEnclosingColumnNumber());
    if (enclosing.name) return enclosing.name;
    const caller = sites[index + 1];
    return inBundle(caller)
      ? entryAt(map, caller.getLineNumber(), caller.getColumnNumber()).name
      : undefined;
  };

  const frame = (sites, index) => {
    const site = sites[index];
    if (!inBundle(site)) return String(site);
    const { map, source } = load() || {};
    const entry = map ? entryAt(map, site.getLineNumber(), site.getColumnNumber()) : {};
    if (!entry.originalSource) return String(site);
    const where = `${source(entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    const typeName = site.getTypeName();
    const ownName = `${typeName !== null && typeName !== 'global' ? `${typeName}.` : ''}${
      site.getFunctionName() || site.getMethodName() || '<anonymous>'
    }`;
    const name = originalName(map, sites, index) || ownName;
    const prefix = `${site.isAsync() ? 'async ' : ''}${site.isConstructor() ? 'new ' : ''}`;
    return `${prefix}${name} (${where})`;
  };

  // The first line as node writes it: its own errors (`ERR_*`) carry their code.
  const headerOf = (error) => {
    const coded = `${error.name} [${error.code}]: ${error.message}`;
    return typeof error.code === 'string' && String(error) === coded
      ? coded
      : Error.prototype.toString.call(error);
  };

  Error.prepareStackTrace = (error, sites) => {
    let header;
    try {
      header = headerOf(error);
    } catch {
      header = '<error>';
    }
    if (sites.length === 0) return header;
    let lines;
    if (formatting) {
      lines = sites.map(String);
    } else {
      formatting = true;
      try {
        lines = sites.map((_site, index) => frame(sites, index));
      } catch {
        lines = sites.map(String);
      } finally {
        formatting = false;
      }
    }
    return `${header}\n    at ${lines.join('\n    at ')}`;
  };
}

module.exports = { installStackSourceMap };
