// Sends MongoDB's `ping` command over the wire protocol (one OP_MSG) and
// checks for { ok: 1 }. An open port alone does not prove the server answers;
// this needs no driver, because it runs before `npm install`.
import net from 'node:net';

const OP_MSG = 2013;

// BSON for { ping: 1, $db: 'admin' }
function pingDocument() {
  const db = Buffer.from('admin\0');
  const body = Buffer.concat([
    Buffer.from([0x10]),
    Buffer.from('ping\0'),
    int32(1), // int32 field
    Buffer.from([0x02]),
    Buffer.from('$db\0'),
    int32(db.length),
    db, // string field
    Buffer.from([0x00]), // end of document
  ]);
  return Buffer.concat([int32(body.length + 4), body]);
}

function int32(value) {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32LE(value);
  return buffer;
}

// Value of the top-level `ok` field of a BSON document (double, int32 or int64), or undefined.
function okField(doc) {
  let at = 4;
  while (at < doc.length && doc[at] !== 0x00) {
    const type = doc[at];
    const nameEnd = doc.indexOf(0, at + 1);
    const name = doc.toString('utf8', at + 1, nameEnd);
    at = nameEnd + 1;
    if (name === 'ok') {
      if (type === 0x01) return doc.readDoubleLE(at);
      if (type === 0x10) return doc.readInt32LE(at);
      if (type === 0x12) return Number(doc.readBigInt64LE(at));
      return undefined;
    }
    // skip the value of any other field
    const fixed = { 0x01: 8, 0x07: 12, 0x08: 1, 0x09: 8, 0x0a: 0, 0x10: 4, 0x11: 8, 0x12: 8, 0x13: 16 }[type];
    if (fixed !== undefined) at += fixed;
    else if (type === 0x02)
      at += 4 + doc.readInt32LE(at); // string
    else if (type === 0x03 || type === 0x04)
      at += doc.readInt32LE(at); // document, array
    else if (type === 0x05)
      at += 5 + doc.readInt32LE(at); // binary
    else return undefined; // a type a ping reply does not use
  }
  return undefined;
}

// Resolves true if a MongoDB-compatible server on host:port answers ping with ok: 1.
export function mongoPing(port, host = '127.0.0.1', timeoutMs = 2000) {
  return new Promise((resolve) => {
    const body = Buffer.concat([int32(0), Buffer.from([0x00]), pingDocument()]); // flags, section kind 0
    const header = Buffer.concat([int32(16 + body.length), int32(1), int32(0), int32(OP_MSG)]);
    const socket = net.connect({ port, host }, () => socket.write(Buffer.concat([header, body])));
    let reply = Buffer.alloc(0);
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.on('data', (chunk) => {
      reply = Buffer.concat([reply, chunk]);
      if (reply.length < 4 || reply.length < reply.readInt32LE(0)) return; // wait for the whole message
      // header (16 bytes), flags (4), section kind (1), then the reply document
      done(reply.readInt32LE(12) === OP_MSG && okField(reply.subarray(21)) === 1);
    });
  });
}
