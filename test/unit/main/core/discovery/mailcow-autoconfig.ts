/** The shape of mailcow's data/web/autoconfig.php answer (mailcow-api.md §6). */
export function mailcowAutoconfigXml(host: string): string {
  return `<?xml version="1.0"?>
<clientConfig version="1.1">
  <emailProvider id="${host}">
    <domain>%EMAILDOMAIN%</domain>
    <displayName>A mailcow mail server</displayName>
    <displayShortName>mail server</displayShortName>
    <incomingServer type="imap">
      <hostname>${host}</hostname><port>993</port><socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="imap">
      <hostname>${host}</hostname><port>143</port><socketType>STARTTLS</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>${host}</hostname><port>995</port><socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>${host}</hostname><port>465</port><socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </outgoingServer>
    <outgoingServer type="smtp">
      <hostname>${host}</hostname><port>587</port><socketType>STARTTLS</socketType>
      <username>%EMAILADDRESS%</username><authentication>password-cleartext</authentication>
    </outgoingServer>
    <enable visiturl="https://${host}/admin"><instruction>Check your settings</instruction></enable>
  </emailProvider>
  <webMail><loginPage url="https://${host}/SOGo/" /></webMail>
</clientConfig>`;
}
