import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The import arrows of docs/architecture.md, checked through the project's own ESLint config.
const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'apppass/layers')
    .map((m) => m.message);
}

describe('apppass/layers', () => {
  // Loading the config and the TypeScript parser takes seconds on a loaded machine: once, here.
  beforeAll(() => eslint.lintText('export {};\n', { filePath: 'protocol/x.ts' }), 60_000);

  it.each([
    ['broker/routes/x.ts', "import { AppPassError } from '../../main/core/errors.js';"],
    ['main/core/auth/x.ts', "import type { Session } from '../../contract.js';"],
    ['main/core/x.ts', "import { runCli } from '../cli/main.js';"],
    ['main/core/x.ts', "import { setupIpc } from '../app/ipc-setup.js';"],
    ['main/core/x.ts', "import { createDesktopApi } from '../desktop/api.js';"],
    ['main/core/broker/x.ts', "import { loadConfig } from '../../../broker/config.js';"],
    ['main/cli/x.ts', "import { loadConfig } from '../../broker/config.js';"],
    ['main/contract.ts', "import type { Vault } from '../lint/core/vault/index.js';"],
    ['renderer/src/x.ts', "import { INVOKE_CHANNELS } from '../../main/contract.js';"],
    ['renderer/src/x.ts', "import type { Vault } from '../../main/core/vault/index.js';"],
    ['protocol/x.ts', "import { request } from 'undici';"],
    ['protocol/x.ts', "export { AppPassError } from '../main/core/errors.js';"],
    ['main/core/x.ts', "const m = await import('../cli/main.js');"],
  ])('refuses %s: %s', async (file, code) => {
    expect(await layerErrors(file, `${code}\nexport {};\n`)).toHaveLength(1);
  });

  it.each([
    ['broker/routes/x.ts', "import { protocolScope } from '../../protocol/scopes.js';"],
    ['main/core/auth/x.ts', "import { BrokerError } from '../broker/errors.js';"],
    ['main/desktop/x.ts', "import type { Session } from '../contract.js';"],
    ['main/cli/x.ts', "import { AppPassError } from '../core/errors.js';"],
    ['renderer/src/x.ts', "import type { Session } from '../../main/contract.js';"],
    ['renderer/vite.config.ts', "import { CSP_META } from '../protocol/csp.js';"],
    ['protocol/x.ts', "import { z } from 'zod';"],
  ])('allows %s: %s', async (file, code) => {
    expect(await layerErrors(file, `${code}\nexport {};\n`)).toEqual([]);
  });
});
