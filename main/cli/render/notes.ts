import type { MessageParams, Note, NoteCode } from '../../../protocol/messages.js';

type Wording = (p: MessageParams) => string;

/** English for every note code: rotation outcomes and progress, discovery sources. */
export const NOTE_TEXT: Readonly<Record<NoteCode, Wording>> = {
  rotation_new_removed: () =>
    'The new password was removed on the server; the old one stays in use.',
  rotation_both_gone: () =>
    'Both the old and the new password are gone from the server; create a new one with `apppass create`.',
  rotation_undone: () => 'The rotation was undone.',
  rotation_unreadable: () =>
    'The new password could not be read back from the keychain; the old one stays in use.',
  rotation_check_failed: (p) =>
    `The new password failed the ${String(p.service).toUpperCase()} login check (${p.verdict}); the old one stays in use.`,
  progress_creating: () => 'Creating the new app password…',
  progress_checking: () => 'Checking the new password with a real login…',
  progress_revoking: (p) => `Revoking the old app password ${p.id}…`,
  progress_removing_new: () => 'Removing the new password again; the old one stays in place…',
};

export function noteText(n: Note): string {
  return NOTE_TEXT[n.code](n.params);
}
