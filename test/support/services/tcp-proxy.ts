import { once } from 'node:events';
import { connect, createServer, type Socket } from 'node:net';

/**
 * A loopback TCP proxy to a server. Closing it cuts every connection and stops listening,
 * so a client that went through it finds nothing listening any more: the server "went away"
 * for that client only, while other clients keep using the server.
 */
export class TcpProxy {
  private readonly sockets = new Set<Socket>();
  private boundPort = 0;
  private readonly server = createServer((client) => this.forward(client));

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /**
   * Listens on a loopback port (`port`: `listenPort`, or a free one) and forwards each connection
   * to the target. Start one on a closed proxy's port to bring the server "back" for its clients.
   */
  static async start(targetHost: string, targetPort: number, listenPort = 0): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetHost, targetPort);
    proxy.server.listen(listenPort, '127.0.0.1');
    await once(proxy.server, 'listening');
    proxy.boundPort = (proxy.server.address() as { port: number }).port;
    return proxy;
  }

  /** The port clients connect to; nothing listens there once closed. */
  get port(): number {
    return this.boundPort;
  }

  /** Stops listening and cuts every open connection. Idempotent. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (!this.server.listening) return;
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** Listens again on the same port after `close()`: the server is back for its clients. */
  async reopen(): Promise<void> {
    if (this.server.listening) return;
    this.server.listen(this.boundPort, '127.0.0.1');
    await once(this.server, 'listening');
  }

  private forward(client: Socket): void {
    const upstream = connect(this.targetPort, this.targetHost);
    for (const [socket, other] of [
      [client, upstream],
      [upstream, client],
    ]) {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      // A reset on one side ends the pair; the client sees a dropped connection.
      socket.on('error', () => other.destroy());
    }
    client.pipe(upstream).pipe(client);
  }
}
