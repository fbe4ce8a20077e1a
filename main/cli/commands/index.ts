import type { Command } from '../command.js';
import { createCommand } from './create.js';
import { discoverCommand } from './discover.js';
import { doctorCommand } from './doctor.js';
import { listCommand } from './list.js';
import { loginCommand } from './login.js';
import { logoutCommand } from './logout.js';
import { revokeCommand } from './revoke.js';
import { rotateCommand } from './rotate.js';

/** Every `apppass` command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  discoverCommand,
  loginCommand,
  logoutCommand,
  listCommand,
  createCommand,
  rotateCommand,
  revokeCommand,
  doctorCommand,
];
