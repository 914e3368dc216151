import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Open live streams of a plugin, ended when the server shuts down so it does not wait for the clients. */
export function liveStreams(app: FastifyInstance) {
  const streams = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of [...streams]) end();
  });
  return {
    /**
     * Turns the reply into a Server-Sent Events stream: `first` goes out at once, `subscribe` wires
     * the events (and returns how to unwire them), a comment every 25 s keeps proxies from closing it.
     */
    open(
      req: FastifyRequest,
      reply: FastifyReply,
      first: unknown,
      subscribe: (send: (data: unknown) => void) => (() => void)[],
    ) {
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
      send(first);
      const offs = subscribe(send);
      const ping = setInterval(() => res.write(': ping\n\n'), 25_000);
      const end = () => {
        clearInterval(ping);
        for (const off of offs) off();
        streams.delete(end);
        res.end();
      };
      streams.add(end);
      req.raw.on('close', end);
    },
  };
}
