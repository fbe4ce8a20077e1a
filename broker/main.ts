import { ConfigError, loadConfig } from './config.js';
import { startBroker, type BrokerHandle } from './server.js';

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
  const stop = () => {
    broker.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  process.stderr.write(`apppass-broker: listening on ${broker.url} for ${config.publicUrl}\n`);
}

main().catch((e: unknown) => {
  // e.g. the port is taken (EADDRINUSE); messages of ours and of node:net carry no secret
  process.stderr.write(
    `apppass-broker: cannot start: ${e instanceof Error ? e.message : 'unknown error'}\n`,
  );
  process.exit(1);
});
