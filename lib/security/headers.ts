/**
 * Security headers on every response, set by the proxy (proxy.ts) because the Content-Security-Policy
 * carries a fresh nonce per request: Next.js reads the nonce from the request's CSP header and puts
 * it on the inline scripts the App Router injects, so no other inline script can run.
 */
import { randomBytes } from "node:crypto";

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * - scripts: only this origin's files and the inline scripts carrying the nonce; 'strict-dynamic'
 *   lets those load the route chunks they import.
 * - styles: this origin's stylesheets and nonced <style> elements. Style *attributes* stay allowed
 *   (style-src-attr) because the status and severity bars size themselves with `style={{ width }}`;
 *   an attribute cannot run script, and React escapes every value it writes into one.
 * - no plugins, no <base> rewriting, forms post only here, no framing (clickjacking).
 * Development needs 'unsafe-eval' for React's error overlay; production never gets it.
 */
export function contentSecurityPolicy(nonce: string, development = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Features the dashboard never uses, switched off so an injected frame or script cannot ask for them. */
const PERMISSIONS_POLICY = [
  "accelerometer=()",
  "camera=()",
  "display-capture=()",
  "geolocation=()",
  "gyroscope=()",
  "magnetometer=()",
  "microphone=()",
  "midi=()",
  "payment=()",
  "usb=()",
].join(", ");

export function securityHeaders(nonce: string, development = false): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(nonce, development),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    // frame-ancestors covers current browsers; X-Frame-Options covers the ones that predate it.
    "X-Frame-Options": "DENY",
  };
}
