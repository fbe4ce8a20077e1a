import { fileURLToPath, pathToFileURL } from 'node:url';

/** Where the built pieces live, relative to dist/main/app/. */
const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

export const PRELOAD_PATH = here('./preload.cjs');
export const INDEX_HTML_PATH = here('../../../renderer/dist/index.html');
/** The URL the window shows; IPC from any other URL is refused. */
export const INDEX_URL = pathToFileURL(INDEX_HTML_PATH).href;
