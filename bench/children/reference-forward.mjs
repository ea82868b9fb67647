// The non-durable reference of issue 2: parse the JSON body, answer 202, then POST the same
// payload the workflow would send ({n}) to the receiver with fetch. Nothing is stored, so a
// crash loses whatever is in flight. Prints "listening <port>" once it listens on 127.0.0.1.
import { createServer } from 'node:http';

const target = process.env.RECEIVER_URL;
if (!target) throw new Error('RECEIVER_URL is required');
let forwardErrors = 0;

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' });
      return res.end('{"error":{"code":"MALFORMED_BODY","message":"not JSON"}}');
    }
    res.writeHead(202, { 'content-type': 'application/json; charset=utf-8' });
    res.end('{"runId":"run_reference","eventId":"evt_reference"}');
    fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n: body.n }) })
      .then((r) => r.arrayBuffer())
      .catch(() => forwardErrors++);
  });
});
server.keepAliveTimeout = 10_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.on('SIGTERM', () => {
  process.stderr.write(`forward errors: ${forwardErrors}\n`);
  process.exit(0);
});
