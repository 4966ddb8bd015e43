// A loopback TCP proxy that cuts connections mid-response: the first <cuts> connections are closed once <bytes>
// bytes of the server's answer have gone through; later connections pass untouched. The Azurite spec puts it in
// front of Azurite so a download is cut mid-stream and the module must resume it with a Range request.
// Ends when the process that started it is gone.
// Usage: node cut-proxy.js <parent pid> <target port> <bytes> [cuts=1]
// stdout: "listening on 127.0.0.1:<port>", then "cut connection <n> after <bytes> bytes" for each cut.
'use strict';
const net = require('net');
const [parent, targetPort, cutAfter, cuts = 1] = process.argv.slice(2).map(Number);
if (![parent, targetPort, cutAfter, cuts].every(n => Number.isInteger(n) && n > 0)) {
    console.error('usage: node cut-proxy.js <parent pid> <target port> <bytes> [cuts=1]');
    process.exit(2);
}
setInterval(() => {
    try { process.kill(parent, 0); } catch (e) { if (e.code === 'ESRCH') process.exit(0); }
}, 500).unref();

let connections = 0;
const server = net.createServer(client => {
    const number = ++connections;
    const cut = number <= cuts;
    const upstream = net.connect(targetPort, '127.0.0.1');
    let sent = 0;
    client.on('data', chunk => upstream.write(chunk));
    upstream.on('data', chunk => {
        if (!cut) { client.write(chunk); return; }
        if (sent >= cutAfter) return;
        const room = cutAfter - sent;
        client.write(room < chunk.length ? chunk.subarray(0, room) : chunk);
        sent += Math.min(room, chunk.length);
        if (sent >= cutAfter) {
            console.log(`cut connection ${number} after ${sent} bytes`);
            upstream.destroy();
            // The bytes already written still leave; then the connection closes mid-body, short of its Content-Length.
            client.end(() => client.destroy());
        }
    });
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
});
server.listen(0, '127.0.0.1', () => console.log(`listening on 127.0.0.1:${server.address().port}`));
