// Starts Azurite's blob service and ends it once the process that started it is gone, so a test run that is
// killed leaves no Azurite behind (as the emulator's --parent-pid does).
// Usage: node start-blob.js <parent pid> [azurite-blob options...]
'use strict';
const parent = Number(process.argv[2]);
if (!Number.isInteger(parent) || parent <= 0) {
    console.error('usage: node start-blob.js <parent pid> [azurite-blob options...]');
    process.exit(2);
}
process.argv.splice(2, 1);
setInterval(() => {
    try { process.kill(parent, 0); } catch (e) { if (e.code === 'ESRCH') process.exit(0); }
}, 500).unref();
require('./node_modules/azurite/dist/src/blob/main.js');
