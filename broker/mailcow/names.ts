const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#039;': "'",
};

function unescapeOnce(s: string): string {
  return s.replace(/&(?:amp|lt|gt|quot|#039);/g, (m) => ENTITIES[m] ?? m);
}

/**
 * mailcow stores `htmlspecialchars(name)` and escapes it once more on every read, so a name
 * comes back escaped twice. Undo exactly those two levels, no more: a name someone typed as
 * `&amp;` stays `&amp;`.
 */
export function decodeName(read: string): string {
  return unescapeOnce(unescapeOnce(read));
}

/**
 * Turns mailcow's `YYYY-MM-DD HH:MM:SS` (database local time, no zone) into ISO-8601 UTC.
 */
export function mailcowTimeToIso(value: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  // Offset of the zone at (about) that instant; twice, to settle near DST changes.
  let instant = asUtc - zoneOffsetMs(asUtc, timeZone);
  instant = asUtc - zoneOffsetMs(instant, timeZone);
  return new Date(instant).toISOString();
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function zoneOffsetMs(instant: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(f.formatToParts(instant).find((p) => p.type === type)?.value);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(instant / 1000) * 1000;
}
