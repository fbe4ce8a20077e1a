#!/usr/bin/env node
import { runCli } from './main.js';

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});

// Idle keep-alive sockets or a keychain connection must not keep a finished command alive.
setTimeout(() => process.exit(), 1000).unref();
