import { useEffect, useRef, type ReactNode } from 'react';

/** Tab from the last control goes to the first, Shift+Tab from the first to the last. */
function keepFocusInside(dialog: HTMLElement, event: React.KeyboardEvent): void {
  const controls = [
    ...dialog.querySelectorAll<HTMLElement>('button:not(:disabled), [href], input'),
  ];
  const first = controls[0];
  const last = controls.at(-1);
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}

/**
 * A real modal dialog (<dialog> + showModal): the browser traps the focus inside and closes it
 * on Escape; Tab cycles inside it (Chromium would let it leave for the browser's own UI). The safe choice (`initialFocus`, e.g. Cancel) starts focused, and on close the
 * focus goes back to the control that opened it.
 */
export function Dialog(props: {
  titleId: string;
  title: string;
  children: ReactNode;
  onClose: () => void;
  initialFocus: React.RefObject<HTMLButtonElement | null>;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const { onClose, initialFocus } = props;
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog?.showModal();
    initialFocus.current?.focus();
    return () => {
      dialog?.close();
      // The opener may be gone (its row revoked): then the screen's title takes the focus.
      if (opener?.isConnected && !opener.matches(':disabled')) opener.focus();
      else document.querySelector<HTMLElement>('h2[tabindex="-1"]')?.focus();
    };
  }, [initialFocus]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={props.titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Tab' && ref.current) keepFocusInside(ref.current, event);
      }}
    >
      <h3 id={props.titleId}>{props.title}</h3>
      {props.children}
    </dialog>
  );
}
