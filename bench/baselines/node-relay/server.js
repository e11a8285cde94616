// Baseline relay in the design of the original Node demo: HTTPS + express-ws on one port, every
// message broadcast to every other connected client, static files from a directory. Used only to
// measure against; it has none of our relay's rooms, limits or checks.
//   node server.js --cert cert.pem --key key.pem --port 0 --static DIR
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
const wsInstance = require('express-ws')(app, server);

app.ws('/', (ws) => {
  ws.on('message', (data, isBinary) => {
    for (const client of wsInstance.getWss().clients) {
      if (client !== ws && client.readyState === 1) client.send(data, { binary: isBinary });
    }
  });
});
app.use(express.static(path.resolve(arg('static', '.'))));

server.listen(Number(arg('port', '8443')), arg('address', '127.0.0.1'), () => {
  console.log(`listening on ${arg('address', '127.0.0.1')}:${server.address().port}`);
});
