// A forwarding HTTP proxy in front of the emulator's ChatApp endpoint that can be restarted the way a server behind
// a fixed address is: stop() closes the listening socket (new connections are refused, ECONNREFUSED), requests
// already being forwarded finish, and a request arriving on a kept-alive connection of the stopped server gets a 503
// with `Connection: close`, as a draining server or a load balancer without a backend answers. start() listens
// again on the same port. Nothing is reset: the restart is graceful, as a draining server's is. Requests are forwarded
// byte for byte (the signature covers the Host header, which is kept).
import { Server, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A restartable proxy; `endpoint` stays the same across restarts. */
export interface RestartableProxy {
  readonly endpoint: string;
  /** Requests answered 503 by a stopped generation. */
  readonly drained: () => number;
  /**
   * Stops listening. `closeIdle` also closes kept-alive connections that carry no request, which is only safe when
   * nothing is being sent (a request written at that moment would meet a reset).
   */
  stop(options?: { closeIdle?: boolean }): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a proxy to `target` (an `http://host:port` origin) on a free loopback port. */
export async function restartableProxy(target: string): Promise<RestartableProxy> {
  const upstream = new URL(target);
  let drained = 0;
  let port = 0;
  let current: { server: Server; retired: boolean } | undefined;
  const generations: Server[] = [];

  function forward(req: IncomingMessage, res: ServerResponse): void {
    const outgoing = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    outgoing.on('error', () => res.destroy());
    req.pipe(outgoing);
  }

  async function listen(): Promise<void> {
    const generation = { server: createServer(), retired: false };
    generation.server.keepAliveTimeout = 60_000;
    generation.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (!generation.retired) return forward(req, res);
      drained += 1;
      req.resume();
      const body = JSON.stringify({ RequestId: 'PROXY-RESTARTING', Code: 'ServiceUnavailable', Message: 'restarting' });
      res.writeHead(503, { 'content-type': 'application/json', connection: 'close' });
      res.end(body);
    });
    await new Promise<void>((resolve, reject) => {
      generation.server.once('error', reject);
      generation.server.listen(port, '127.0.0.1', () => resolve());
    });
    port = (generation.server.address() as AddressInfo).port;
    generations.push(generation.server);
    current = generation;
  }

  await listen();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    drained: () => drained,
    stop: async ({ closeIdle = false } = {}) => {
      if (current === undefined) return;
      current.retired = true;
      const stopping = current.server;
      current = undefined;
      // Node's close() also closes "idle" connections, which includes ones just accepted whose request has not
      // been parsed yet: that would reset requests already sent. A draining server answers them (503) instead.
      for (const old of generations) old.closeIdleConnections = () => undefined;
      if (closeIdle) {
        for (const old of generations) Server.prototype.closeIdleConnections.call(old);
        // Let the client see those connections close before anything is sent again.
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await new Promise<void>((resolve) => {
        stopping.close(() => resolve());
        // close() waits for open connections; stop listening now and let them drain in the background.
        setImmediate(resolve);
      });
    },
    start: listen,
    close: async () => {
      for (const server of generations) server.closeAllConnections();
      await Promise.all(generations.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}
