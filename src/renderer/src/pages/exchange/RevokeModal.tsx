import type { ExchangeOffice } from '../../../../shared/contract';
import { invoke } from '../../api/client';
import { ReasonModal } from '../../components/ReasonModal';
import { useI18n } from '../../i18n';

/** Revokes an office's keys, with the reason. */
export function RevokeModal(props: {
  office: ExchangeOffice | null;
  onClose: () => void;
  onRevoked: () => void;
}) {
  const { t } = useI18n();
  const o = props.office;
  return (
    <ReasonModal
      act={o}
      title={t('exchange.office.revokeTitle', { code: o?.code ?? '' })}
      warning={t('exchange.office.revokeWarning', { name: o?.name ?? '' })}
      reasonLabel={t('exchange.office.revokeReason')}
      saveLabel={t('exchange.office.revoke')}
      testId="revoke"
      onClose={props.onClose}
      onSubmit={async (reason) => {
        if (!o) return;
        await invoke('exchange.revokeOffice', { id: o.id, version: o.version, reason });
        props.onRevoked();
      }}
    />
  );
}
