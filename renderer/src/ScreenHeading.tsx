import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A screen's title. It takes the focus when the screen opens, so keyboard and screen-reader
 * users start on the new screen instead of on a button that no longer exists.
 */
export function ScreenHeading({ id, children }: { id: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <h2 id={id} ref={ref} tabIndex={-1}>
      {children}
    </h2>
  );
}
