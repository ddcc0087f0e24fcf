import { invoke } from '../../api/client';
import { ReasonModal } from '../../components/ReasonModal';
import { useI18n } from '../../i18n';

export interface ForkToResolve {
  id: number;
  office: string;
  sequence: number;
  action: 'keep' | 'restart';
}

/** Resolves a quarantined fork (keep the applied package, or restart the sender's chain), with the reason. */
export function ResolveForkModal(props: {
  fork: ForkToResolve | null;
  onClose: () => void;
  onResolved: () => void;
}) {
  const { t } = useI18n();
  const f = props.fork;
  const vars = { office: f?.office ?? '', seq: String(f?.sequence ?? '') };
  const restart = f?.action === 'restart';
  return (
    <ReasonModal
      act={f}
      title={t('exchange.fork.title', vars)}
      warning={restart ? t('exchange.fork.restartWarning', vars) : t('exchange.fork.keepWarning', vars)}
      reasonLabel={t('exchange.fork.reason')}
      saveLabel={restart ? t('exchange.fork.restart') : t('exchange.fork.keep')}
      testId="fork"
      minLength={{ chars: 3, message: t('exchange.fork.reasonShort') }}
      onClose={props.onClose}
      onSubmit={async (reason) => {
        if (!f) return;
        await invoke('exchange.quarantineResolve', { id: f.id, action: f.action, reason });
        props.onResolved();
      }}
    />
  );
}
