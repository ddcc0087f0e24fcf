// Content types for the built renderer, used by the Electron shell's app:// protocol and the
// browser host alike. Pure (no node:path): src/shared imports nothing from Node.

/** Module scripts are refused without a JavaScript type, so every type the build emits is named. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

/** The extension of a file path's last segment as path.extname gives it ('' for '.html' alone). */
function extensionOf(file: string): string {
  const base = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 || base === '..' ? '' : base.slice(dot);
}

/** The Content-Type to serve a renderer file with; unknown kinds are plain bytes. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extensionOf(file).toLowerCase()] ?? 'application/octet-stream';
}
