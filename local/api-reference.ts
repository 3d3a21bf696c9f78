/**
 * LOCAL ONLY: a human-readable reference of the API document at `/docs`, rendered in the browser by Swagger UI
 * (the `swagger-ui-dist` package), served from the installed package: nothing is fetched from a CDN, the online
 * validator badge is off, and "Try it out" calls this local API.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const DOCS_PATH = '/docs';

/** The files of swagger-ui-dist the page loads, by the name it uses under /docs/. */
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

function assetDir(): string {
  return path.dirname(require.resolve('swagger-ui-dist/package.json'));
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Order Processing Platform API (local)</title>
<link rel="stylesheet" href="${DOCS_PATH}/swagger-ui.css">
</head>
<body>
<div id="reference"></div>
<script src="${DOCS_PATH}/swagger-ui-bundle.js"></script>
<script src="${DOCS_PATH}/init.js"></script>
</body>
</html>
`;

// validatorUrl null: the default sends the document to an online validator. Only this API's own server is offered.
const INIT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#reference',
  validatorUrl: null,
  deepLinking: true,
  docExpansion: 'list',
});
`;

export interface StaticAnswer {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/** The answer for a GET under /docs, or undefined when `rawPath` is not one of its files. */
export function apiReference(rawPath: string): StaticAnswer | undefined {
  const headers = (type: string) => ({ 'content-type': type, 'x-local-only': 'true', 'cache-control': 'no-cache' });
  if (rawPath === DOCS_PATH || rawPath === `${DOCS_PATH}/`) {
    return { statusCode: 200, headers: headers('text/html; charset=utf-8'), body: Buffer.from(PAGE) };
  }
  if (rawPath === `${DOCS_PATH}/init.js`) return { statusCode: 200, headers: headers('text/javascript; charset=utf-8'), body: Buffer.from(INIT) };
  const name = rawPath.startsWith(`${DOCS_PATH}/`) ? rawPath.slice(DOCS_PATH.length + 1) : undefined;
  if (name !== undefined && Object.prototype.hasOwnProperty.call(ASSETS, name)) {
    return { statusCode: 200, headers: headers(ASSETS[name]), body: fs.readFileSync(path.join(assetDir(), name)) };
  }
  return undefined;
}
