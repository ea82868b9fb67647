import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * Secure response headers (helmet) with a content security policy the editor works under:
 * scripts and styles only from this server (React sets inline styles through the CSSOM, which
 * CSP allows), images also as data: URLs (the favicon), no framing, no plugins. HSTS and
 * upgrade-insecure-requests only when served over https, so a LAN install over http still works.
 */
export function securityHeaders(opts: { https: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        workerSrc: ["'self'"],
        upgradeInsecureRequests: opts.https ? [] : null,
      },
    },
    strictTransportSecurity: opts.https ? { maxAge: 180 * 24 * 3600, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'no-referrer' },
    // The OAuth2 Connect popup travels through the provider's pages and back; `same-origin` would
    // cut it off from the editor that opened it. Popups keep their opener; other documents do not get one.
    crossOriginOpenerPolicy: { policy: 'same-origin-allow-popups' },
    xFrameOptions: { action: 'deny' },
  });
}

/**
 * CORS, closed by default: no Access-Control-Allow-Origin at all. Origins listed in
 * CORS_ORIGINS may call the API from a browser with an API key (never with the session
 * cookie: credentials are not allowed), e.g. a dashboard on another host.
 */
export function cors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (allowed.size === 0 || origin === undefined || !req.path.startsWith('/api/')) return next();
    res.vary('Origin');
    if (!allowed.has(origin)) return next();
    res.setHeader('Access-Control-Allow-Origin', origin);
    if (req.method !== 'OPTIONS') return next();
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type, Idempotency-Key');
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
