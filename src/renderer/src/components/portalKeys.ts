import type { KeyboardEvent } from 'react';

/**
 * Escape for a drawer that opens dialogs of its own. Mantine closes every open modal on Escape, and
 * React bubbles a dialog's key events to the drawer through the portal, so the drawer sets
 * closeOnEscape={false} and takes this handler: it closes only for an Escape pressed in its own DOM.
 */
export function escapeWithin(onClose: () => void) {
  return (e: KeyboardEvent<HTMLElement>): void => {
    if (e.key === 'Escape' && e.currentTarget.contains(e.target as Node)) onClose();
  };
}
