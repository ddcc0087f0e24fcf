import { Button, Group, Modal, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { invoke, lastActivityAt } from '../api/client';
import { useI18n } from '../i18n';
import { idleAction } from './idleClock';

/**
 * Counts down the core's idle lock: typing or clicking keeps the session (one light call), a desk
 * left alone gets a warning with the seconds left, then the lock. A half-typed register form is
 * kept as a draft meanwhile (RegisterDocModal).
 */
export function IdleWarning(props: { timeoutMinutes: number; onLock: () => void; onExpired: () => void }) {
  const { t } = useI18n();
  const lastInput = useRef(0);
  const [state, setState] = useState<ReturnType<typeof idleAction>>({ kind: 'none' });
  useEffect(() => {
    const mark = () => {
      lastInput.current = Date.now();
    };
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    events.forEach((e) => window.addEventListener(e, mark, { capture: true, passive: true }));
    let expiredAt = 0;
    const timer = setInterval(() => {
      const now = Date.now();
      const next = idleAction(props.timeoutMinutes, lastActivityAt(), lastInput.current, now);
      if (next.kind === 'keep-alive') void invoke('settings.get', {}).catch(() => undefined);
      // Re-read the state shortly after the core's lock is due (it checks every 15 s).
      if (next.kind === 'expired' && now - expiredAt > 5_000) {
        expiredAt = now;
        props.onExpired();
      }
      setState(next);
    }, 1000);
    return () => {
      clearInterval(timer);
      events.forEach((e) => window.removeEventListener(e, mark, { capture: true }));
    };
  }, [props.timeoutMinutes, props.onExpired]);

  return (
    <Modal
      opened={state.kind === 'warn'}
      onClose={() => void invoke('settings.get', {}).catch(() => undefined)}
      title={t('idle.title')}
      withCloseButton={false}
      centered
      // Above any open form: the warning must be seen whatever is on screen.
      zIndex={1000}
    >
      <Text mb="md" data-testid="idle-countdown" aria-live="assertive">
        {t('idle.countdown', { n: state.kind === 'warn' ? state.seconds : 0 })}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onLock}>
          {t('idle.lockNow')}
        </Button>
        <Button
          data-testid="idle-stay"
          data-autofocus
          onClick={() => void invoke('settings.get', {}).catch(() => undefined)}
        >
          {t('idle.stay')}
        </Button>
      </Group>
    </Modal>
  );
}
