export const PRELOAD_ENTRY: string;
export const PRELOAD_BUNDLE: string;
export function buildPreload(cwd?: string): Promise<void>;
