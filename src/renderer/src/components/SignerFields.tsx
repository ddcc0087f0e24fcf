import { Textarea, TextInput } from '@mantine/core';
import { useI18n } from '../i18n';
import type { useRememberedSigner } from './useFileSave';

/** The signature block of a printout: authority/title lines and the signer's name. */
export function SignerFields(props: {
  signer: ReturnType<typeof useRememberedSigner>;
  testIdPrefix: string;
}) {
  const { t } = useI18n();
  const { signer } = props;
  return (
    <>
      <Textarea
        data-testid={`${props.testIdPrefix}-signer-title`}
        label={t('print.signerTitle')}
        value={signer.title}
        onChange={(e) => signer.setTitle(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      <TextInput
        data-testid={`${props.testIdPrefix}-signer-name`}
        label={t('print.signerName')}
        value={signer.name}
        onChange={(e) => signer.setName(e.currentTarget.value)}
      />
    </>
  );
}
