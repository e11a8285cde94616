// Baseline relay in the design of the original Node demo: HTTPS + express-ws on one port, every
// message broadcast to every other connected client, static files from a directory. Used only to
// measure against; it has none of our relay's rooms, limits or checks.
//   node server.js --cert cert.pem --key key.pem --port 0 --static DIR
// Rooms for fair load tests: a client that connects with `?room=NAME` (e.g. wss://host/?room=r7)
// only hears, and is only heard by, other clients of that room, so N rooms x 2 peers compare with
// our relay's N rooms instead of an N-fold broadcast. Without `room` a client gets the seed's
// behaviour: it hears every room-less client and is heard by them. The broadcast loop stays the
// seed's (iterate, skip self, send if open) over the room's set instead of all clients.
const fs = require('fs');
const https = require('https');
const path = require('path');
const express = require('express');

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

const app = express();
const server = https.createServer({ cert: fs.readFileSync(arg('cert')), key: fs.readFileSync(arg('key')) }, app);
require('express-ws')(app, server);  // adds app.ws() on this server's upgrades

// room name -> Set of sockets; room-less clients share the seed's single "everyone" set.
const everyone = Symbol('everyone');
const rooms = new Map();

const join = (room, ws) => {
  if (!rooms.has(room)) rooms.set(room, new Set());
  rooms.get(room).add(ws);
};
const leave = (room, ws) => {
  const members = rooms.get(room);
  if (!members) return;
  members.delete(ws);
  if (members.size === 0) rooms.delete(room);
};

app.ws('/', (ws, req) => {
  const room = typeof req.query.room === 'string' && req.query.room !== '' ? req.query.room : everyone;
  join(room, ws);
  ws.on('close', () => leave(room, ws));
  ws.on('message', (data, isBinary) => {
    for (const client of rooms.get(room) || []) {
      if (client !== ws && client.readyState === 1) client.send(data, { binary: isBinary });
    }
  });
});
app.use(express.static(path.resolve(arg('static', '.'))));

server.listen(Number(arg('port', '8443')), arg('address', '127.0.0.1'), () => {
  console.log(`listening on ${arg('address', '127.0.0.1')}:${server.address().port}`);
});
