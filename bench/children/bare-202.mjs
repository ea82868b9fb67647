// Baseline for ingest: a bare node:http server that reads the body and answers 202. Nothing
// is parsed or stored. Prints "listening <port>" once it listens on 127.0.0.1.
import { createServer } from 'node:http';

const reply = Buffer.from('{"runId":"run_baseline","eventId":"evt_baseline"}');
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(202, { 'content-type': 'application/json; charset=utf-8', 'content-length': reply.length });
    res.end(reply);
  });
});
server.keepAliveTimeout = 10_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
