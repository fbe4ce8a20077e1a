// The mailcow emulator in its own process for the broker bench (so it does not share the
// bench's event loop). Prints {"url","rwKey"} on stdout; stops when stdin closes.
import { startMailcowEmulator } from '../harness/mailcow-emulator.js';

const mailcow = await startMailcowEmulator();
process.stdout.write(`${JSON.stringify({ url: mailcow.url, rwKey: mailcow.rwKey })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void mailcow.stop().then(() => process.exit(0));
});
