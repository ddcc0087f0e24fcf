// The one Content-Security-Policy of the renderer, used by the Electron shell, the built
// index.html and the browser host alike.

/**
 * No remote origin anywhere, no eval. style-src needs 'unsafe-inline': Mantine injects <style>
 * elements at run time (theme CSS variables, color scheme) and components set style attributes;
 * a nonce would have to be minted per load and handed to Mantine, and styles cannot run script.
 * With connect-src, img-src and font-src limited to the app itself, injected CSS has nowhere to
 * send data.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  // pdf.js draws attachments in a worker loaded from the app itself.
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
  'frame-ancestors': ["'none'"],
};
export const CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .map(([name, values]) => `${name} ${values.join(' ')}`)
  .join('; ');

/**
 * The same policy for a <meta> tag in the built index.html (a second layer, and what static
 * checkers see). frame-ancestors is left out: browsers ignore it in <meta>, with a warning.
 */
export const META_CONTENT_SECURITY_POLICY = Object.entries(CSP_DIRECTIVES)
  .filter(([name]) => name !== 'frame-ancestors')
  .map(([name, values]) => `${name} ${values.join(' ')}`)
  .join('; ');
