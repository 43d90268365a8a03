// Sends Redis's inline `PING` and checks for `+PONG`. An open port alone does not
// prove the server answers (while it loads its data file it replies `-LOADING`);
// this needs no client library, because it runs before `npm install`.
import net from 'node:net';

// True once the server at host:port replied +PONG; false on any error, other reply or timeout.
export function redisPing(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    let reply = '';
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG\r\n'));
    });
  });
}
