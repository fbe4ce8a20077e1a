import type { Messages } from './en.js';

export const de: Messages = {
  appName: 'AppPass',
  tagline: 'App-Passwörter für Ihre Mailprogramme, ohne ihnen Ihr Hauptpasswort zu geben.',
  language: 'Sprache',
  loading: 'Wird geladen…',
  signOut: 'Abmelden',
  navPasswords: 'App-Passwörter',
  navDoctor: 'Verbindungstest',
  demoBanner:
    'Demo: Dieses Fenster spricht mit Testservern auf diesem Computer, nicht mit dem Mail-Dienst Ihrer Organisation.',
  mainNav: 'Hauptmenü',

  signInTitle: 'Anmelden',
  signInIntro:
    'Geben Sie Ihre E-Mail-Adresse ein. Sie melden sich im Browser bei Ihrer Organisation an.',
  emailLabel: 'E-Mail-Adresse',
  signInButton: 'Anmelden',
  discovering: 'Ihr Mailserver wird gesucht…',
  waitingForBrowser:
    'Melden Sie sich im geöffneten Browserfenster bei {organization} an. Dieses Fenster macht danach von selbst weiter.',
  cancelSignIn: 'Anmeldung abbrechen',
  signInCancelled: 'Anmeldung abgebrochen.',
  signedInAs: 'Angemeldet als {mailbox}',

  passwordsTitle: 'Ihre App-Passwörter',
  newPassword: 'Neues App-Passwort',
  refresh: 'Aktualisieren',
  revokeAll: 'Alle widerrufen',
  noPasswords: 'Sie haben noch keine App-Passwörter.',
  colName: 'Name',
  colProtocols: 'Zugriff',
  colCreated: 'Erstellt',
  colDevice: 'Auf diesem Gerät',
  colActions: 'Aktionen',
  yes: 'Ja',
  no: 'Nein',
  inactive: 'inaktiv',
  rotate: 'Passwort ersetzen',
  rotateNamed: 'Passwort ersetzen: {name}',
  revoke: 'Widerrufen',
  revokeNamed: '{name} widerrufen',
  confirmRevoke:
    '„{name}“ widerrufen? Mailprogramme, die es nutzen, können sich dann nicht mehr anmelden.',
  confirmRevokeAll:
    'Alle {count} App-Passwörter widerrufen? Kein Mailprogramm kann sich damit dann noch anmelden.',
  confirm: 'Ja, widerrufen',
  cancel: 'Abbrechen',
  revoked:
    'Widerrufen. Ein widerrufenes Passwort kann noch bis zu {minutes} Minuten funktionieren.',
  listLoaded: '{count} App-Passwörter.',
  keychainMissing:
    'Dieses Gerät hat keinen nutzbaren Schlüsselbund: Neue Passwörter werden einmal angezeigt und nicht gespeichert, und Sie melden sich bei jedem Start neu an. {problem}',

  interruptedStored:
    'Ein Passwort „{name}“ wurde gerade erstellt, als AppPass geschlossen wurde; es wurde auf diesem Gerät gespeichert.',
  interruptedOrphan:
    'Ein Passwort „{name}“ wurde gerade erstellt, als AppPass geschlossen wurde; es ist auf diesem Gerät nicht nutzbar, weil sein Geheimnis verloren ging. Widerrufen?',
  keepInterrupted: 'Behalten',
  dismissInterrupted: 'OK',

  createTitle: 'Neues App-Passwort',
  clientLegend: 'Mailprogramm',
  client_thunderbird: 'Thunderbird',
  client_outlook: 'Outlook',
  'client_apple-mail': 'Apple Mail',
  client_phone: 'Telefon oder Tablet',
  client_other: 'Anderes Programm',
  protocolsLegend: 'Zugriff',
  nameLabel: 'Name (damit Sie es später wiedererkennen)',
  create: 'Passwort erstellen',
  creating: 'Wird erstellt…',
  chooseProtocol: 'Wählen Sie mindestens eine Zugriffsart.',

  showOnceTitle: 'Ihr neues App-Passwort',
  showOnceIntro: 'Tragen Sie es jetzt in {client} ein. Es wird nur dieses eine Mal angezeigt.',
  showOnceIntroGeneric:
    'Tragen Sie es jetzt in Ihr Mailprogramm ein. Es wird nur dieses eine Mal angezeigt.',
  passwordLabel: 'App-Passwort',
  reveal: 'Passwort anzeigen',
  hide: 'Passwort verbergen',
  copy: 'Passwort kopieren',
  copied: 'Kopiert. Die Zwischenablage wird in {seconds} s geleert.',
  storedOnDevice: 'Auch im Schlüsselbund dieses Geräts gespeichert.',
  notStored: 'Nicht auf diesem Gerät gespeichert: {problem}',
  settingsTitle: 'Servereinstellungen',
  colService: 'Server',
  colHost: 'Servername',
  colPort: 'Port',
  colSecurity: 'Verbindungssicherheit',
  colSecurity_outlook: 'Verschlüsselungsmethode',
  colSecurity_apple: 'TLS/SSL verwenden',
  on: 'Ein',
  off: 'Aus',
  offStarttls: 'Aus (Mail nutzt STARTTLS selbst)',
  colUsername: 'Benutzername',
  done: 'Fertig',
  rotateTitle: 'Ersatzpasswort',
  rotateVerified: 'Mit einer echten Anmeldung geprüft: {services}.',
  rotateConfirmIntro:
    'Tragen Sie das neue Passwort in Ihr Mailprogramm ein und bestätigen Sie dann. Erst dann wird das alte widerrufen.',
  rotateConfirm: 'Mein Mailprogramm nutzt das neue Passwort',

  doctorTitle: 'Verbindungstest',
  doctorIntro:
    'Prüft jeden Port des Mailservers: Namensauflösung, Verbindung, Verschlüsselung, Begrüßung und optional eine Anmeldung.',
  doctorWith: 'Anmelden mit',
  doctorNoLogin: 'Ohne Anmeldung (nur Verbindung)',
  doctorRun: 'Test starten',
  doctorRunning: 'Wird geprüft…',
  copyReport: 'Bericht kopieren',
  reportCopied: 'Bericht kopiert, ohne Passwörter und mit maskierter Adresse.',
  colCheck: 'Prüfung',
  colVerdict: 'Ergebnis',
  colSteps: 'Schritte',
  colHint: 'Was tun',
  pending: 'läuft',

  security_tls: 'SSL/TLS',
  security_starttls: 'STARTTLS',
  security_none: 'Keine',
  service_imap: 'IMAP (Posteingang)',
  service_smtp: 'SMTP (Postausgang)',
  service_pop3: 'POP3 (Posteingang)',
  service_sieve: 'ManageSieve (Filter)',
  verdict_ok: 'OK',
  verdict_dns_not_found: 'Name nicht gefunden',
  verdict_dns_timeout: 'Namensauflösung zu langsam',
  verdict_tcp_refused: 'Verbindung abgelehnt',
  verdict_tcp_timeout: 'Verbindung zu langsam',
  verdict_tls_handshake_failed: 'Verschlüsselung fehlgeschlagen',
  verdict_tls_cert_expired: 'Zertifikat abgelaufen',
  verdict_tls_cert_hostname_mismatch: 'Zertifikat für anderen Namen',
  verdict_tls_cert_untrusted: 'Zertifikat nicht vertrauenswürdig',
  verdict_starttls_unavailable: 'Kein STARTTLS',
  verdict_auth_mechanism_unavailable: 'Kein nutzbares Anmeldeverfahren',
  verdict_auth_failed: 'Anmeldung abgelehnt',
  verdict_protocol_error: 'Unerwartete Antwort',
  verdict_timeout: 'Zeitüberschreitung',
  verdict_skipped: 'Übersprungen',
  navSettings: 'Einstellungen',
  waitingTitle: 'Im Browser fortfahren',
  reopenBrowser: 'Browser erneut öffnen',
  copyLink: 'Link kopieren',
  linkCopied: 'Link kopiert. Fügen Sie ihn in Ihren Browser ein.',
  unreachableTitle: 'Server nicht erreichbar',
  unreachableIntro:
    'Sie sind weiter als {mailbox} angemeldet: Nichts muss neu eingerichtet werden.',
  retry: 'Erneut versuchen',
  copyNamed: '{name} kopieren',
  copyStored: 'Kopieren',
  replacementPending: 'Ersatz ausstehend',
  finishReplace: 'Ersetzen abschließen',
  finishReplaceNamed: 'Ersetzen abschließen: {name}',
  advancedProtocols: 'Erweitert: welche Protokolle',
  nameRequired: 'Geben Sie dem Passwort einen Namen (Buchstaben, Ziffern, Leerzeichen).',
  finishLater: 'Später abschließen',
  finishLaterNote:
    'Bis Sie bestätigen, funktioniert das alte Passwort weiter, und die Liste markiert es mit „Ersatz ausstehend“.',
  leaveTitle: 'Ohne Kopieren verlassen?',
  leaveQuestion:
    'Sie haben das Passwort noch nicht kopiert. Es wird nur dieses eine Mal angezeigt.',
  leaveQuestionStored:
    'Sie haben das Passwort noch nicht kopiert. Es bleibt im Schlüsselbund dieses Geräts; Sie können es später in der Liste kopieren.',
  leave: 'Verlassen',
  stay: 'Bleiben',
  stepsTitle: '{client} einrichten',
  stepUser: 'Benutzername: Ihre vollständige E-Mail-Adresse, {mailbox}.',
  stepPassword:
    'Passwort: Fügen Sie das App-Passwort ein (oben „Passwort kopieren“), nicht Ihr übliches Passwort.',
  steps_thunderbird_1:
    'Öffnen Sie in Thunderbird ☰ → Konten-Einstellungen → Konten-Aktionen → E-Mail-Konto hinzufügen.',
  steps_thunderbird_2:
    'Geben Sie Ihren Namen und Ihre E-Mail-Adresse ein, fügen Sie das Passwort ein und wählen Sie Weiter.',
  steps_thunderbird_3:
    'Thunderbird findet die Server selbst. Falls nicht, wählen Sie „Manuell einrichten“ und tragen Sie die Einstellungen unten ein.',
  steps_outlook_1:
    'Wählen Sie in Outlook Datei → Konto hinzufügen, geben Sie Ihre E-Mail-Adresse ein, dann Erweiterte Optionen → Ich möchte mein Konto manuell einrichten → IMAP.',
  steps_outlook_2:
    'Tragen Sie den Posteingangs- und Postausgangsserver unten ein; Outlook findet sie nicht selbst.',
  steps_outlook_3:
    'Wenn Outlook nach dem Passwort fragt, fügen Sie es ein und wählen Sie Verbinden.',
  'steps_apple-mail_1':
    'Öffnen Sie auf dem Mac Mail → Account hinzufügen → Anderer Mail-Account, dann Fortfahren.',
  'steps_apple-mail_2':
    'Geben Sie Namen und E-Mail-Adresse ein, fügen Sie das Passwort ein und wählen Sie Anmelden.',
  'steps_apple-mail_3':
    'Meldet Mail, dass der Account nicht überprüft werden kann, tragen Sie die Server unten ein.',
  steps_phone_1:
    'Öffnen Sie auf dem Telefon Einstellungen → Mail (oder Ihre Mail-App) → Konto hinzufügen → Andere.',
  steps_phone_2:
    'Wählen Sie IMAP, geben Sie Ihre E-Mail-Adresse ein und fügen Sie das Passwort ein.',
  steps_phone_3: 'Tragen Sie die Server unten ein, wenn die App danach fragt.',
  steps_other_1: 'Fügen Sie in Ihrem Mailprogramm ein neues IMAP-Konto hinzu.',
  steps_other_2: 'Geben Sie Ihre E-Mail-Adresse ein und fügen Sie das Passwort ein.',
  steps_other_3: 'Tragen Sie die Server unten genau so ein, wie sie dort stehen.',
  settingsTitle2: 'Einstellungen',
  accountTitle: 'Konto',
  accountMailbox: 'Angemeldet als {mailbox}',
  accountName: 'Name: {name}',
  themeLegend: 'Darstellung',
  theme_system: 'Wie das System',
  theme_light: 'Hell',
  theme_dark: 'Dunkel',
  languageRemembered: 'AppPass merkt sich Ihre Wahl.',
  summaryAllOk:
    'Ihre Mail funktioniert: Jeder Server hat geantwortet und Ihr Passwort wurde angenommen.',
  summaryNoLogin:
    'Jeder Mailserver ist von hier erreichbar. Wählen Sie ein Passwort, um auch eine Anmeldung zu prüfen.',
  summaryAuthFailed:
    'Der Mailserver hat dieses Passwort abgelehnt: Ersetzen Sie es oder erstellen Sie ein neues. Die Server selbst funktionieren.',
  summaryDns:
    'Der Name Ihres Mailservers ist von hier aus nicht auffindbar – Ihr Passwort ist nicht das Problem. Prüfen Sie Ihre Internetverbindung; wenn sie funktioniert, senden Sie diesen Bericht an Ihre IT.',
  summaryUnreachable:
    'Ihr Mailserver ist von hier aus nicht erreichbar – Ihr Passwort ist nicht das Problem; senden Sie diesen Bericht an Ihre IT.',
  summaryTls:
    'Das Sicherheitszertifikat des Mailservers ist nicht in Ordnung – Ihr Passwort ist nicht das Problem; senden Sie diesen Bericht an Ihre IT.',
  summaryOther:
    'Der Mailserver hat unerwartet geantwortet – Ihr Passwort ist nicht das Problem; senden Sie diesen Bericht an Ihre IT.',
  summaryCounts: '{failed} fehlgeschlagen, {passed} bestanden, {notNeeded} nicht nötig',
  details: 'Details',
  verdict_not_needed: 'Nicht nötig',
  notNeededHint: 'Dieses Passwort ist nicht für {service}; nichts zu tun.',
  colEndpoint: 'Server und Port',
  colCode: 'Code',
  accountMismatch:
    'Sie haben sich als {actual} angemeldet, nicht als {typed}. Ihre Passwörter werden für {actual} erstellt.',
  stepsTitleGeneric: 'Ihr Mailprogramm einrichten',
  advice_auth: 'Ersetzen Sie dieses Passwort oder erstellen Sie ein neues.',
  advice_network:
    'Prüfen Sie Ihre Internetverbindung; wenn sie funktioniert, senden Sie den Bericht an Ihre IT.',
  advice_tls:
    'Senden Sie den Bericht an Ihre IT: Das Zertifikat des Servers muss repariert werden.',
  advice_other: 'Senden Sie den Bericht an Ihre IT.',
  advice_not_tried:
    'Nicht versucht, weil eine frühere Anmeldung fehlschlug: Beheben Sie das zuerst (jede fehlgeschlagene Anmeldung zählt für eine Sperre).',
  colTechHint: 'Technischer Hinweis',
  errorPrefix: 'Problem:',
  colLastUse: 'Zuletzt benutzt',
  lastUse: '{service}, {ago}, von {address}',
  lastUseInternal:
    '{service}, {ago}, von {address} (Webmail, ActiveSync oder eine interne Adresse)',
  notSeen: 'Nicht gesehen',
  notSeenNote:
    '„Nicht gesehen“ heißt: mailcow hat keine Anmeldung verzeichnet – nicht, dass niemand das Passwort benutzt. mailcow behält nur die letzte Anmeldung je Dienst und Adresse; eine Anmeldung mit einem anderen Passwort vom selben Ort ersetzt sie.',
  stale: 'veraltet',
  staleNote: 'Veraltet: lange nicht gesehen oder eine Woche nach dem Anlegen nie gesehen.',
  revokeStale: 'Veraltete widerrufen ({count})',
  confirmRevokeStale:
    'Diese {count} veralteten App-Passwörter widerrufen? Mailprogramme, die sie noch benutzen, können sich dann nicht mehr anmelden.',
  navHelpdesk: 'Helpdesk',
  helpdeskTitle: 'Helpdesk',
  helpdeskIntro:
    'Postfach und App-Passwörter einer Person nachsehen, widerrufen und mailcows Sperren nach fehlgeschlagenen Anmeldungen aufheben. Passwörter anderer sehen oder anlegen können Sie nicht.',
  helpdeskMailboxLabel: 'Postfach (E-Mail-Adresse)',
  helpdeskLookupButton: 'Nachsehen',
  mailboxActive: 'Aktiv',
  mailboxInactive: 'Deaktiviert: App-Passwörter können sich nicht anmelden',
  authSource: 'Anmeldung über: {source}',
  quotaUsed: 'Gespeicherte Mails: {used} von {quota}',
  helpdeskNoPasswords: 'Dieses Postfach hat keine App-Passwörter.',
  helpdeskRevokeAll: 'Alle von {mailbox} widerrufen',
  confirmHelpdeskRevokeAll: 'Alle {count} App-Passwörter von {mailbox} widerrufen?',
  bansTitle: 'Sperren nach fehlgeschlagenen Anmeldungen',
  bansIpLabel: 'Adresse (leer: alle Sperren)',
  bansShow: 'Sperren zeigen',
  noBans: 'mailcow hat hier keine aktive Sperre.',
  colNetwork: 'Netz',
  colBannedUntil: 'Gesperrt bis',
  unban: 'Sperre aufheben',
  unbanNamed: 'Sperre aufheben für {network}',
  unbanQueued:
    'Aufhebung für {networks} angestoßen; mailcow hebt die Sperre in etwa 10 Sekunden auf.',
  unbanPending: 'wird aufgehoben…',
  possibleBan:
    'Von hier antwortet kein Mail-Port. mailcow hat diese Adresse vielleicht nach fehlgeschlagenen Anmeldungen gesperrt: so eine Sperre dauert {minutes} Minuten (bei Wiederholung länger, bis etwa {hours} Stunden). Ihr Helpdesk kann sie aufheben.',
  signedOut_revoked: 'Abgemeldet. Ihre Anmeldung wurde bei Ihrer Organisation widerrufen.',
  signedOut_kept:
    'Auf diesem Gerät abgemeldet, aber der Anmeldedienst Ihrer Organisation hat die Anmeldung behalten: Sie bleibt gültig, bis sie abläuft. Bitten Sie Ihre Administration, die Sitzung zu beenden (authentik vor 2025.2 verhält sich so).',
  signedOut_not_offered:
    'Auf diesem Gerät abgemeldet. Der Anmeldedienst Ihrer Organisation kann Anmeldungen nicht widerrufen; sie bleibt gültig, bis sie abläuft.',
  signedOut_unreachable:
    'Auf diesem Gerät abgemeldet. Der Anmeldedienst Ihrer Organisation war zum Widerrufen nicht erreichbar; die Anmeldung bleibt gültig, bis sie abläuft.',
  signedOut_no_token: 'Auf diesem Gerät abgemeldet.',
  profileTitle: 'Oder: Mail mit einem Profil einrichten',
  profileIntro:
    'Ein Konfigurationsprofil trägt Ihre Adresse und die Server auf Mac, iPhone oder iPad für Sie ein. Sichern Sie es, öffnen Sie es auf dem Mac (oder senden Sie es an iPhone oder iPad) und installieren Sie es in den Systemeinstellungen bzw. Einstellungen.',
  profileIncludePassword: 'Das Passwort ins Profil aufnehmen',
  profileWithoutPassword:
    'Ohne Passwort fragt das Gerät bei der Installation danach: Fügen Sie es dort ein.',
  profileWithPassword:
    'Wer die Datei bekommt, kann das Passwort lesen: Löschen Sie die Datei nach der Installation.',
  profileSave: 'Profil sichern …',
  profileSaved: 'Profil gesichert unter {path}.',
  keychainLockedTitle: 'Ihr Schlüsselbund ist gesperrt',
  keychainLocked:
    'Entsperren Sie ihn und versuchen Sie es erneut: Bis dahin können neue Passwörter nicht auf diesem Gerät gespeichert und gespeicherte nicht kopiert werden.',
  keychainRetry: 'Erneut prüfen',
};
