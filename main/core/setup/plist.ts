/**
 * A minimal XML property-list writer (Apple's PropertyList-1.0 DTD): dictionaries, arrays,
 * strings, integers and booleans, which is all a configuration profile needs. Every string is
 * escaped here, so a name or address can never add markup to the profile.
 */

export type PlistValue = string | number | boolean | readonly PlistValue[] | PlistDict;
export interface PlistDict {
  readonly [key: string]: PlistValue;
}

/**
 * Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF)
 * are dropped: no parser would read the file otherwise.
 */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text content: markup characters as entities; CR as a reference, or parsers turn it into LF. */
export function xmlText(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

function element(value: PlistValue, indent: string): string {
  const inner = `${indent}  `;
  if (typeof value === 'string') return `${indent}<string>${xmlText(value)}</string>`;
  if (typeof value === 'boolean') return `${indent}<${value}/>`;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError('plist integers only');
    return `${indent}<integer>${value}</integer>`;
  }
  if (Array.isArray(value)) {
    const items = (value as readonly PlistValue[]).map((v) => element(v, inner));
    return [`${indent}<array>`, ...items, `${indent}</array>`].join('\n');
  }
  const entries = Object.entries(value as PlistDict).flatMap(([key, v]) => [
    `${inner}<key>${xmlText(key)}</key>`,
    element(v, inner),
  ]);
  return [`${indent}<dict>`, ...entries, `${indent}</dict>`].join('\n');
}

/** The whole document, UTF-8, with the DTD line Apple's tools write. */
export function plistXml(root: PlistDict): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    element(root, ''),
    '</plist>',
    '',
  ].join('\n');
}
