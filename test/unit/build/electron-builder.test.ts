import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// electron-builder's own validation (app-builder-lib: its JSON schema plus its deprecation
// checks), the step `electron-builder` runs before building anything.
const require = createRequire(import.meta.url);
const { load } = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debug: { isEnabled: boolean; add(): void }): Promise<void>;
};
const debug = { isEnabled: false, add: () => undefined };

type Config = Record<string, Record<string, unknown>>;
const config = load(readFileSync('electron-builder.yml', 'utf8')) as Config;

describe('electron-builder.yml', () => {
  // Loading electron-builder's schema takes a few seconds.
  it('is valid for electron-builder', { timeout: 30_000 }, async () => {
    await expect(validateConfiguration(structuredClone(config), debug)).resolves.toBeUndefined();
  });

  it(
    'is refused by the same check when broken (the check can fail)',
    { timeout: 30_000 },
    async () => {
      const broken = {
        ...structuredClone(config),
        linux: { ...config.linux, targte: ['AppImage'] },
      };
      await expect(validateConfiguration(broken, debug)).rejects.toThrow(
        /configuration\.linux should be/,
      );
    },
  );

  it('packages AppImage and deb, NSIS, dmg, with the fuses and the icon from build/', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    for (const os of ['linux', 'win', 'mac']) expect(config[os]?.icon).toBe('build/icon.png');
    expect(config.publish).toMatchObject({ provider: 'generic' });
  });
});
