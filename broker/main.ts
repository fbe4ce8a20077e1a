import { ConfigError, loadConfig } from './config.js';
import { jsonLog, startBroker, type BrokerHandle } from './server.js';

function refuse(e: unknown): never {
  if (!(e instanceof ConfigError)) throw e;
  process.stderr.write(`apppass-broker: ${e.message}\n`);
  process.exit(2);
}

/** `npm run broker` / `node dist/broker/main.js [--config file.json]`. Exit 2 on bad configuration. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, process.argv.slice(2));
  } catch (e) {
    refuse(e);
  }
  let broker: BrokerHandle;
  try {
    broker = await startBroker(config);
  } catch (e) {
    refuse(e);
  }
  // SIGTERM (docker stop, systemctl stop): stop accepting, finish what is in flight, exit 0.
  // A repeated signal changes nothing (close() is idempotent): the drain is not cut short.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    jsonLog(`${signal}: stopping once the requests in flight are answered`);
    broker.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  const shared = config.redisUrl ? 'state in Redis' : 'state in memory';
  jsonLog(`listening on ${broker.url} for ${config.publicUrl} (${shared})`);
  if (broker.metricsUrl) jsonLog(`metrics on ${broker.metricsUrl}`);
}

main().catch((e: unknown) => {
  // e.g. the port is taken (EADDRINUSE); messages of ours and of node:net carry no secret
  process.stderr.write(
    `apppass-broker: cannot start: ${e instanceof Error ? e.message : 'unknown error'}\n`,
  );
  process.exit(1);
});
