// Small re-creations of the PHP behaviours mailcow's API leaks into its answers.

/** PHP 8.1+ htmlspecialchars defaults (ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML401). */
export function htmlspecialchars(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#039;');
}

/** PHP's string cast of a decoded JSON value. */
export function phpString(v: unknown): string {
  if (v === null || v === undefined || v === false) return '';
  if (v === true) return '1';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return 'Array';
}

/** PHP empty(): '', '0', 0, false, null, [] are empty. */
export function phpEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '' || v === '0') return true;
  return Array.isArray(v) && v.length === 0;
}

/** PHP intval() of a decoded JSON value ("on" -> 0, "12abc" -> 12, true -> 1). */
export function intval(v: unknown): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'string') {
    const m = /^\s*[+-]?\d+/.exec(v);
    return m ? parseInt(m[0], 10) : 0;
  }
  return 0;
}

const NUMERIC = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** PHP 8 loose `==` between two strings: numeric strings compare as numbers. */
export function looseEqualStrings(a: string, b: string): boolean {
  if (NUMERIC.test(a) && NUMERIC.test(b)) return Number(a) === Number(b);
  return a === b;
}

/** PHP `(array)` cast of a decoded JSON value. */
export function toArray(v: unknown): unknown[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v;
  if (typeof v === 'object') return Object.values(v);
  return [v];
}

/** PHP FILTER_VALIDATE_EMAIL, close enough for ASCII addresses (IDN/unicode fail as in PHP). */
export function isValidEmail(v: unknown): v is string {
  return (
    typeof v === 'string' &&
    /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(
      v,
    )
  );
}

function escapeSlashesAndUnicode(json: string, unicode: boolean): string {
  const slashes = json.replace(/\//g, '\\/');
  if (!unicode) return slashes;
  return slashes.replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** json_encode($x): compact, `/` escaped as `\/`, non-ASCII as \uXXXX. */
export function phpJson(v: unknown): string {
  return escapeSlashesAndUnicode(JSON.stringify(v), true);
}

/** json_encode($x, JSON_UNESCAPED_UNICODE | JSON_PRETTY_PRINT): 4 spaces, `/` still escaped. */
export function phpJsonPretty(v: unknown): string {
  return escapeSlashesAndUnicode(JSON.stringify(v, null, 4), false);
}

/** MariaDB DATETIME(0) text in server local time, as mailcow returns it. */
export function mysqlDatetime(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}
