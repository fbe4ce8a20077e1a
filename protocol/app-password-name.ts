// What mailcow can store as an app password's name (data/web/inc/functions.app_passwd.inc.php
// add: `htmlspecialchars(trim(app_name))` into `name VARCHAR(255)`, utf8mb4; an empty or "0"
// name is `app_name_empty`). Every character fits, emoji included; what does not fit is too
// long a name once & < > " ' are escaped (MariaDB's strict mode refuses it: mailcow answers
// with an empty body). Control characters (line breaks, tabs, escape sequences) are refused
// too: mailcow would keep them, but they would break, or play tricks on, every list showing them.

/** Characters mailcow's name column holds after escaping. */
export const NAME_STORED_MAX = 255;

export type NameProblem =
  | { code: 'name_empty' }
  | { code: 'name_control_character' }
  | { code: 'name_unpaired_surrogate' }
  | { code: 'name_too_long'; length: number; max: number };

/** The length mailcow stores: code points of htmlspecialchars(name). */
export function storedNameLength(name: string): number {
  let n = 0;
  for (const c of name)
    n += c === '&' ? 5 : c === '<' || c === '>' ? 4 : c === '"' ? 6 : c === "'" ? 6 : 1;
  return n;
}

/** null when mailcow stores `name` (already trimmed) exactly as given. */
export function nameProblem(name: string): NameProblem | null {
  if (name === '' || name === '0') return { code: 'name_empty' };
  if (/\p{Cc}/u.test(name)) return { code: 'name_control_character' };
  if (/\p{Cs}/u.test(name)) return { code: 'name_unpaired_surrogate' };
  const length = storedNameLength(name);
  if (length > NAME_STORED_MAX) return { code: 'name_too_long', length, max: NAME_STORED_MAX };
  return null;
}

/** The English sentence for a name problem (broker answers, CLI). */
export function nameProblemText(p: NameProblem): string {
  switch (p.code) {
    case 'name_empty':
      return 'give the password a name (mailcow takes "0" as no name)';
    case 'name_control_character':
      return 'a name cannot contain line breaks, tabs or other control characters';
    case 'name_unpaired_surrogate':
      return 'the name holds a broken character (half of an emoji)';
    case 'name_too_long':
      return `the name is too long for mailcow: ${p.length} of at most ${p.max} characters once & < > " ' are stored as &amp; &lt; &gt; &quot; &#039;`;
  }
}
