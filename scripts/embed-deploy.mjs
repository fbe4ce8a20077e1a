#!/usr/bin/env node
// Refreshes the copies of deploy/ files in docs/admin.md: each `<!-- deploy/… -->` line is
// followed by a fenced block holding that file verbatim (test/unit/deploy/admin-guide.test.ts
// checks it). Usage: node scripts/embed-deploy.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const GUIDE = 'docs/admin.md';
const EMBED = /(<!-- (deploy\/[^ ]+) -->\n```[a-z]*\n)[\s\S]*?\n```/g;

const text = readFileSync(GUIDE, 'utf8');
const next = text.replace(EMBED, (_m, head, file) => {
  const body = readFileSync(file, 'utf8').replace(/\n$/, '');
  return `${head}${body}\n\`\`\``;
});
if (next !== text) writeFileSync(GUIDE, next);
process.stdout.write(next !== text ? `${GUIDE}: embeds refreshed\n` : `${GUIDE}: up to date\n`);
