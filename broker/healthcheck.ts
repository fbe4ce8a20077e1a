import { parseListen } from './config.js';

/**
 * `node healthcheck.js` (the image's HEALTHCHECK): exit 0 when this broker's /healthz answers
 * 200 within 4 s, else 1. It asks the address APPPASS_LISTEN binds (0.0.0.0 / :: via loopback).
 */
async function main(): Promise<number> {
  const { host, port } = parseListen(process.env.APPPASS_LISTEN);
  const target =
    host === '0.0.0.0'
      ? '127.0.0.1'
      : host === '::'
        ? '[::1]'
        : host.includes(':')
          ? `[${host}]`
          : host;
  try {
    const res = await fetch(`http://${target}:${port}/healthz`, {
      signal: AbortSignal.timeout(4000),
    });
    await res.body?.cancel();
    process.stdout.write(`healthz: ${res.status}\n`);
    return res.status === 200 ? 0 : 1;
  } catch (e) {
    process.stdout.write(`healthz: ${e instanceof Error ? e.name : 'failed'}\n`);
    return 1;
  }
}

process.exitCode = await main();
