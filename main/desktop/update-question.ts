// The restart question is main's native dialog (the window may be hidden or closed), so the
// renderer's catalogues cannot word it: it follows the OS locale. Not in the core, which
// builds no sentence.

/** The restart question, in the person's language (the OS locale; main has no renderer state). */
export function restartQuestion(locale: string, version: string) {
  return locale.toLowerCase().startsWith('de')
    ? {
        message: `AppPass ${version} ist geladen und geprüft. Jetzt neu starten, um es zu installieren?`,
        buttons: ['Jetzt neu starten', 'Später'],
      }
    : {
        message: `AppPass ${version} is downloaded and checked. Restart now to install it?`,
        buttons: ['Restart now', 'Later'],
      };
}
