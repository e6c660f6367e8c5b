// A minimal HTTP server on 127.0.0.1 that serves a fixed set of files, for
// pages a browser test loads from an origin of its own.
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname } from 'node:path';

const kContentTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

// Serves routes, a map from URL path (no query) to a file, on a free port.
// Any other path or a method other than GET answers 404. Resolves to
//   url     "http://127.0.0.1:<port>", no trailing slash
//   served  the paths asked for so far, in order
//   stop()  closes the server and every connection it holds
export async function startStaticServer(routes) {
  const served = [];
  const server = createServer(async (request, response) => {
    const path = new URL(request.url, 'http://localhost').pathname;
    served.push(path);
    const file = routes[path];
    if (request.method !== 'GET' || !file) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, {
        'Content-Type': kContentTypes[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-store',
      }).end(body);
    } catch (error) {
      response.writeHead(500, { 'Content-Type': 'text/plain' }).end(`${error.message}\n`);
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    served,
    async stop() {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
