import type { CodeTexts } from './codes-en.js';

export const codesDe: CodeTexts = {
  errors: {
    signin_denied:
      'Die Anmeldung wurde im Browser abgelehnt. Melden Sie sich erneut an, falls das ein Versehen war.',
    signin_idp_error:
      'Der Identitätsanbieter antwortete „{error}“ {description}. Starten Sie die Anmeldung erneut.',
    signin_code_rejected:
      'Der Anmeldedienst hat den Autorisierungscode abgelehnt (schon benutzt oder abgelaufen). Starten Sie die Anmeldung erneut.',
    signin_state_mismatch:
      'Der Browser lieferte eine Antwort, die nicht zu dieser Anmeldung gehört. Starten Sie die Anmeldung erneut.',
    signin_issuer_mismatch:
      'Die Anmeldeantwort kam nicht von {issuer}. Starten Sie die Anmeldung erneut.',
    signin_failed: 'Die Anmeldung ist fehlgeschlagen ({reason}). Starten Sie sie erneut.',
    signin_required:
      'Ihre Anmeldung bei {host} ist abgelaufen oder wurde widerrufen. Bitte melden Sie sich erneut an.',
    signin_subject_changed:
      'Der Identitätsanbieter antwortete für eine andere Person. Bitte melden Sie sich erneut an.',
    signin_cancelled: 'Die Anmeldung wurde abgebrochen.',
    signin_timeout:
      'Die Anmeldung hat zu lange gedauert und wurde beendet. Melden Sie sich erneut an.',
    signin_no_identity:
      'Der Identitätsanbieter hat kein ID-Token geschickt. Die Administration muss den Scope „openid“ für AppPass erlauben.',
    idp_unreachable:
      'Der Anmeldedienst Ihrer Organisation ist nicht erreichbar. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
    browser_open_failed: 'Der Webbrowser für die Anmeldung konnte nicht geöffnet werden.',
    not_signed_in: 'Sie sind nicht angemeldet. Bitte melden Sie sich an.',
    no_sign_in: 'Es wartet keine Anmeldung. Starten Sie sie erneut.',
    account_other_domain:
      'Sie haben sich als {actual} angemeldet, mit einem Konto einer anderen Organisation. Melden Sie sich mit Ihrem Konto bei {domain} an.',
    invalid_email: '„{email}“ ist keine E-Mail-Adresse.',
    invalid_url: '{role}: „{url}“ ist keine gültige https://-Adresse.',
    insecure_http: '{role}: {origin} nutzt unverschlüsseltes http://, das AppPass ablehnt.',
    invalid_config: 'Die Konfiguration {config} ist nicht verwendbar: {detail}.',
    no_profile:
      'Für diese Adresse wurde keine AppPass-Einrichtung gefunden. Prüfen Sie die Adresse oder fragen Sie Ihre Mail-Administration.',
    extra_ca_unreadable:
      'Die zusätzliche Zertifikatsdatei {file} (NODE_EXTRA_CA_CERTS) ist nicht lesbar.',
    extra_ca_invalid:
      'Die zusätzliche Zertifikatsdatei {file} (NODE_EXTRA_CA_CERTS) enthält kein Zertifikat.',
    broker_unauthorized:
      'Der Server hat Ihre Anmeldung nicht akzeptiert. Bitte melden Sie sich erneut an.',
    broker_forbidden: 'Der Server lehnt es ab, für dieses Konto zu handeln. {said}',
    email_unverified_authentik:
      'authentik bestätigt Ihre E-Mail-Adresse nicht. Bitten Sie Ihre Administration, AppPass die E-Mail-Scope-Zuordnung zu geben, die email_verified aus Ihren Benutzerattributen liest (authentiks mailcow-Anleitung), und bei Ihrem Benutzer email_verified: true zu setzen; wenn Sie sich bei authentik mit Ihrem mailcow-Passwort anmelden, kommt Ihre Adresse unbestätigt an.',
    email_unverified_keycloak:
      'Keycloak bestätigt Ihre E-Mail-Adresse nicht. Bitten Sie Ihre Administration, bei Ihrem Benutzer in Keycloak „E-Mail verifiziert“ einzuschalten.',
    email_unverified:
      'Der Anmeldedienst Ihrer Organisation bestätigt Ihre E-Mail-Adresse nicht. Bitten Sie Ihre Administration, sie als verifiziert zu markieren.',
    broker_not_found: 'Dieses App-Passwort gibt es in Ihrem Postfach nicht.',
    broker_conflict: 'Der Server hat die Anfrage abgelehnt. {said}',
    broker_invalid_request: 'Der Server hat die Anfrage zurückgewiesen. {said}',
    broker_rate_limited: 'Zu viele Änderungen auf einmal. Versuchen Sie es gleich noch einmal.',
    mailcow_unavailable: 'Der Mailserver antwortet gerade nicht. Versuchen Sie es später erneut.',
    broker_unavailable:
      'Der AppPass-Server funktioniert gerade nicht. Versuchen Sie es später erneut.',
    broker_unexpected_status: 'Der AppPass-Dienst antwortete mit unerwartetem HTTP {status}.',
    broker_bad_answer:
      'Der AppPass-Dienst schickte eine Antwort, die diese App nicht versteht. Fragen Sie Ihre Administration, ob App- und Serverversion zusammenpassen.',
    broker_timeout:
      'Der AppPass-Server hat nicht rechtzeitig geantwortet. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
    broker_unreachable:
      'Der AppPass-Server ist nicht erreichbar. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
    keychain_unavailable: 'Kein Schlüsselbund verfügbar ({reason}). {install}',
    keychain_locked:
      'Der Schlüsselbund ist gesperrt. Entsperren Sie ihn und versuchen Sie es erneut.',
    keychain_timeout:
      'Der Schlüsselbund hat nicht geantwortet. Wartet eine Entsperr-Abfrage? Entsperren Sie ihn und versuchen Sie es erneut.',
    keychain_error: 'Der Schlüsselbund hat die Anfrage abgelehnt: {detail}',
    not_found: 'In Ihrem Postfach gibt es kein App-Passwort {id}.',
    not_stored: 'Dieses Passwort ist nicht auf diesem Gerät gespeichert.',
    secret_gone: 'Dieses Passwort ist hier nicht mehr verfügbar; es wurde nur einmal angezeigt.',
    no_mail_server: 'Für {mailbox} ist kein Mailserver bekannt.',
    no_report: 'Führen Sie zuerst den Verbindungstest aus.',
    rotation_state: 'Das Erneuern konnte nicht fortgesetzt werden. Starten Sie es erneut.',
    rotation_secret_missing: 'Das neue Passwort ist nicht im Schlüsselbund.',
    'rotation_rolled-back':
      'Das Erneuern wurde rückgängig gemacht; Ihr altes Passwort bleibt in Gebrauch.',
    rotation_lost:
      'Das Erneuern konnte nicht abgeschlossen werden. Prüfen Sie Ihre App-Passwörter; das alte ist noch vorhanden.',
    'rotation_awaiting-confirmation': 'Das Erneuern wartet auf Ihre Bestätigung.',
    create_journal_corrupt:
      'Die Aufzeichnung unvollständig angelegter Passwörter ({path}) ist beschädigt. Fragen Sie Ihre Administration.',
    journal_corrupt:
      'Die Aufzeichnung unvollständiger Erneuerungen ({path}) ist beschädigt. Fragen Sie Ihre Administration.',
    data_dir_busy:
      'Ein anderes AppPass (die App oder ein apppass-Befehl) nutzt {dir} seit über einer Minute; lassen Sie es fertig werden und versuchen Sie es dann erneut.',
    internal:
      'In AppPass ist etwas schiefgegangen. Versuchen Sie es erneut oder starten Sie die App neu.',
    forbidden_sender: 'Diese Anfrage kam nicht aus dem AppPass-Fenster.',
    invalid_arguments: 'Prüfen Sie Ihre Eingaben: Einige Werte sind ungültig.',
  },
  hints: {
    dns_not_found:
      'Der Servername {host} existiert im DNS nicht; prüfen Sie die Schreibweise oder die DNS-Einträge Ihrer Domain (MX, autoconfig, autodiscover).',
    dns_timeout:
      'Das DNS hat für {host} nicht geantwortet; prüfen Sie die Netzwerkverbindung und den DNS-Server dieses Geräts (VPN, WLAN-Anmeldeseite, offline).',
    tcp_refused:
      'Der Server lehnt Verbindungen auf Port {port} ab: Der {service}-Dienst ist vielleicht gestoppt oder nutzt einen anderen Port, oder Ihre IP-Adresse ist gesperrt (mailcow sperrt eine Adresse 30 Minuten nach 10 fehlgeschlagenen Anmeldungen in 10 Minuten).',
    tcp_unreachable:
      'Dieses Gerät hat keinen Weg zu {host} auf Port {port} ({unreachable}); prüfen Sie Netzwerkverbindung oder VPN.',
    tcp_timeout:
      'Port {port} auf {host} hat nicht rechtzeitig geantwortet; eine Firewall in diesem Netz sperrt vielleicht Mail-Ports. Versuchen Sie ein anderes Netz oder fragen Sie Ihre IT.',
    tls_plaintext_port:
      'Port {port} beginnt nicht mit TLS; stellen Sie die Sicherheit für diesen Port auf STARTTLS (SSL/TLS gilt für 993, 465 und 995).',
    tls_handshake_failed:
      'Die sichere Verbindung auf Port {port} ist vor der Anmeldung gescheitert; der Server verlangt TLS 1.2 oder neuer, und eine alte App, ein Virenscanner oder ein Proxy kann stören.',
    tls_cert_expired:
      'Das Zertifikat des Servers ist derzeit nicht gültig (Ablauf {expires}); wenn die Uhr dieses Geräts stimmt, sollte die Administration es erneuern.',
    tls_cert_hostname_mismatch:
      'Das Zertifikat gilt für {subject}, nicht für {host}; verwenden Sie {subject} als Servernamen, oder die Administration nimmt {host} ins Zertifikat auf.',
    tls_cert_untrusted:
      'Das Zertifikat wurde von „{issuer}“ ausgestellt, dem dieses Gerät nicht vertraut; wenn das nicht die eigene CA Ihrer Organisation ist, fängt etwas in diesem Netz die Verbindung ab.',
    starttls_unavailable:
      'Port {port} hat keine Verschlüsselung (STARTTLS) angeboten, daher wurde kein Passwort gesendet; eine Firewall entfernt sie vielleicht. Nutzen Sie den SSL/TLS-Port (993, 465 oder 995).',
    auth_login_disabled:
      'Der Server lehnt Passwort-Anmeldungen ohne Verschlüsselung auf Port {port} ab; stellen Sie die Sicherheit auf STARTTLS oder SSL/TLS, und ändern Sie das Passwort, falls eine App es schon unverschlüsselt gesendet hat.',
    auth_mechanism_unavailable:
      'Der Server bietet auf Port {port} kein Anmeldeverfahren, das Mail-Apps nutzen können; stellen Sie die Authentifizierung auf „Passwort, normal“ (Thunderbird) oder schalten Sie SPA aus (Outlook).',
    auth_no_scope:
      'Die {loggedInWith}-Anmeldung mit demselben Passwort hat funktioniert, also hat dieses App-Passwort keinen {service}-Zugriff oder {service} ist für das Postfach abgeschaltet; erstellen Sie ein App-Passwort mit {service}.',
    auth_failed:
      'Die {service}-Anmeldung wurde abgelehnt: Das Passwort ist falsch oder widerrufen, oder der Benutzername ist nicht die vollständige E-Mail-Adresse (ein gerade widerrufenes App-Passwort funktioniert noch bis zu 5 Minuten). Nicht wiederholt, weil mailcow eine Adresse nach 10 fehlgeschlagenen Anmeldungen sperrt.',
    protocol_error:
      'Port {port} hat geantwortet, aber nicht wie ein {service}-Server; prüfen Sie Portnummer und Sicherheitseinstellung.',
    timeout:
      'Port {port} hat nicht rechtzeitig geantwortet; versuchen Sie es erneut oder prüfen Sie das Netz zwischen diesem Gerät und dem Server.',
    timeout_run:
      'Der Test wurde abgebrochen, bevor er fertig war, und sagt daher nichts über den Server; führen Sie ihn erneut aus.',
    timeout_greeting:
      'Port {port} nimmt Verbindungen an, sendet aber nie eine {service}-Begrüßung; die Sicherheitseinstellung ist wahrscheinlich falsch (SSL/TLS statt STARTTLS oder umgekehrt).',
    timeout_tls:
      'Port {port} hat die Verbindung angenommen, aber die sichere Verbindung nie aufgebaut; prüfen Sie die Sicherheitseinstellung (STARTTLS für 143, 587, 110 und 4190).',
    timeout_auth:
      'Der {service}-Server hat nicht rechtzeitig auf die Anmeldung geantwortet; vielleicht bremst er nach früheren Fehlversuchen. Warten Sie ein paar Minuten, bevor Sie es erneut versuchen.',
    skipped_gate_failed:
      'Keine Anmeldung versucht, weil die {gate}-Anmeldung zuerst fehlschlug; korrigieren Sie das Passwort und testen Sie erneut (jeder Fehlversuch zählt für mailcows Sperre).',
    skipped_no_gate:
      'Keine Anmeldung versucht, weil keine Verbindung den Anmeldeschritt sicher erreicht hat; beheben Sie zuerst die Fehler oben.',
    skipped_plaintext:
      'Keine Anmeldung versucht, weil Port {port} unverschlüsselt ist und das Passwort im Klartext gesendet würde; nutzen Sie den SSL/TLS- oder STARTTLS-Port.',
    skipped_deadline:
      'Keine Anmeldung versucht, weil die Zeit des Tests abgelaufen ist; führen Sie ihn erneut aus.',
    skipped_no_scope:
      'Dieses App-Passwort hat keinen {service}-Zugriff, daher wurde keine Anmeldung versucht; erstellen Sie eines mit {service}, wenn dieses Programm es braucht.',
    family_mismatch:
      'Die {family}-Adresse des Servers antwortet auf Port {port} nicht, {other} aber schon; Mail-Apps können daher langsam sein oder scheitern. Die Administration sollte die {family}-Einrichtung des Servers korrigieren.',
    autoconfig_unavailable:
      '{url} gab keine verwendbare Antwort, daher können Mail-Apps dieses Konto nicht automatisch einrichten.',
    autoconfig_not_checked:
      'Die automatische Einrichtung nennt {service} auf {host} Port {port}, der hier nicht geprüft wurde.',
    autoconfig_not_answering:
      'Die automatische Einrichtung nennt {service} auf {host} Port {port}, aber er antwortet nicht wie angegeben ({verdict}); Thunderbirds automatische Einrichtung wird scheitern.',
    clock_skewed:
      'Die Uhr dieses Computers geht gegenüber {host} um {skew} {side}; lassen Sie die Zeit automatisch stellen, denn Anmeldungen und Zertifikate werden daran geprüft.',
  },
  notes: {
    rotation_new_removed:
      'Das neue Passwort wurde auf dem Server entfernt; das alte bleibt in Gebrauch.',
    rotation_both_gone:
      'Das alte und das neue Passwort sind beide nicht mehr auf dem Server; erstellen Sie ein neues.',
    rotation_undone: 'Das Ersetzen wurde rückgängig gemacht.',
    rotation_unreadable:
      'Das neue Passwort ließ sich nicht aus dem Schlüsselbund lesen; das alte bleibt in Gebrauch.',
    rotation_check_failed:
      'Das neue Passwort hat die {service}-Anmeldeprüfung nicht bestanden ({verdict}); das alte bleibt in Gebrauch.',
    progress_creating: 'Das neue App-Passwort wird erstellt…',
    progress_checking: 'Das neue Passwort wird mit einer echten Anmeldung geprüft…',
    progress_revoking: 'Das alte App-Passwort {id} wird widerrufen…',
    progress_removing_new: 'Das neue Passwort wird wieder entfernt; das alte bleibt bestehen…',
    discovery_document: 'Anmeldung {issuer}, AppPass-Dienst {broker}',
    discovery_invalid_document: 'das Einrichtungsdokument ist ungültig ({where}: {issue})',
    discovery_url_refused: 'eine Adresse darin wurde abgelehnt ({code}: {origin})',
    discovery_not_json: 'die Antwort ist kein Einrichtungsdokument (kein JSON)',
    discovery_http_status: 'der Server antwortete mit HTTP {status}',
    discovery_too_large: 'die Antwort ist zu groß (über {kib} KiB)',
    discovery_deadline: 'keine Antwort rechtzeitig für die Suche',
    discovery_timeout: 'keine Antwort in der vorgesehenen Zeit',
    discovery_cannot_connect: 'keine Verbindung ({code})',
    discovery_request_failed: 'die Anfrage ist fehlgeschlagen ({reason})',
    discovery_no_file: 'diese Datei gibt es nicht',
    discovery_file_unreadable: 'die Datei lässt sich nicht lesen ({code})',
    discovery_file_too_large: 'die Datei ist zu groß',
    discovery_not_xml: 'die Antwort ist kein XML',
    discovery_not_client_config: 'die Antwort ist keine gültige Mail-Einrichtung (clientConfig)',
    discovery_no_mail_server: 'die Antwort nennt keinen verwendbaren Mailserver',
    discovery_mail_host: 'Mailserver {host}',
    discovery_srv_not_offered: 'laut DNS-Eintrag wird der Dienst nicht angeboten',
    discovery_srv_invalid: 'der DNS-Eintrag nennt einen ungültigen Server oder Port',
    discovery_srv_endpoint: '{host}:{port}',
    discovery_no_mx: 'kein verwendbarer MX-Eintrag',
    discovery_mx: 'Mail-Exchanger {host}',
    discovery_no_record: 'kein solcher DNS-Eintrag',
    discovery_dns_timeout: 'der DNS-Server hat nicht rechtzeitig geantwortet',
    discovery_dns_failed: 'die DNS-Abfrage ist fehlgeschlagen ({code})',
  },
  signInPage: {
    pages: {
      signed_in: { title: 'Bei AppPass angemeldet', body: 'Sie sind angemeldet.' },
      sign_in_failed: {
        title: 'Anmeldung bei AppPass fehlgeschlagen',
        body: 'Die Anmeldung wurde nicht abgeschlossen; das AppPass-Fenster zeigt, warum.',
      },
      already_answered: {
        title: 'Anmeldung bei AppPass fehlgeschlagen',
        body: 'Diese Anmeldung hat ihre Antwort bereits erhalten.',
      },
    },
    close: 'Sie können diesen Tab schließen und zu AppPass zurückkehren.',
  },
  keychainReasons: {
    no_secret_service: 'kein Secret Service auf dem Sitzungsbus',
    no_session_bus: 'kein D-Bus-Sitzungsbus',
    unreachable: 'der Schlüsselbund ist nicht erreichbar',
  },
  keychainInstall: {
    linux:
      'Installieren und entsperren Sie einen Secret-Service-Schlüsselbund (gnome-keyring, z. B. apt install gnome-keyring, oder KeePassXC mit aktivierter Secret-Service-Integration) in Ihrer Desktop-Sitzung.',
    darwin:
      'Stellen Sie sicher, dass Ihr Anmelde-Schlüsselbund existiert und entsperrt ist (Schlüsselbundverwaltung).',
    other: 'Stellen Sie sicher, dass die Windows-Anmeldeinformationsverwaltung verfügbar ist.',
  },
  urlRoles: { issuer: 'Anmeldedienst', broker: 'AppPass-Dienst', config: 'Konfiguration' },
  clockSide: { ahead: 'vor', behind: 'nach' },
  durations: { seconds: '{n} Sekunden', minutes: '{n} Minuten', hours: '{n} Stunden' },
};
