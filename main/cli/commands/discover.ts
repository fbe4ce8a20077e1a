import { discover } from '../../core/discovery/discover.js';
import type { Command } from '../command.js';
import { usage } from '../args.js';
import { emit } from '../output.js';
import { noteText } from '../render/notes.js';

export const discoverCommand: Command = {
  options: {},
  async run(positionals, _values, ctx) {
    const [email, ...rest] = positionals;
    if (!email || rest.length)
      throw usage('Give exactly one email address: apppass discover <email>.');
    const result = await discover(email, {
      env: ctx.env,
      ...(ctx.config ? { config: ctx.config } : {}),
    });
    // --json keeps each source's English `detail` beside its `note` code
    const sources = result.sources.map((s) => ({ ...s, detail: noteText(s.note) }));
    emit(ctx, { ...result, sources }, () => {
      const lines = sources.map(
        (s) => `  ${s.ok ? 'ok  ' : 'fail'} ${s.source} ${s.location}: ${s.detail}`,
      );
      const p = result.profile;
      const hosts = Object.entries(result.mailHosts).map(
        ([service, e]) => `  ${service}: ${e.host}:${e.port} (${e.security})`,
      );
      const summary = p
        ? [
            `Profile for ${result.email}:`,
            `  issuer: ${p.issuer}`,
            `  client: ${p.client_id}`,
            `  broker: ${p.broker}`,
          ]
        : [`No AppPass profile found for ${result.email}.`];
      return [
        ...summary,
        'Mail servers:',
        ...(hosts.length ? hosts : ['  (none found)']),
        'Sources:',
        ...lines,
      ].join('\n');
    });
    return result.profile ? 0 : 1;
  },
};
