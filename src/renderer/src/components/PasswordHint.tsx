import { Text } from '@mantine/core';
import { localPasswordIssue } from '../../../shared/password';
import { useI18n } from '../i18n';

/**
 * The line under a new-password field: the rule, or, as the user types, the rule the password
 * still breaks that the form can see (length, user name). The core checks them all on saving
 * (common passwords too); its refusal shows as the field's error, and the line then keeps to the rule.
 */
export function PasswordHint(props: { password: string; userName: string; error?: string | undefined }) {
  const { t } = useI18n();
  const issue = props.password && !props.error ? localPasswordIssue(props.password, props.userName) : null;
  return (
    <Text component="span" inherit c={issue ? 'orange.8' : undefined} data-testid="password-hint">
      {issue ? t(`field.${issue}`) : t('setup.passwordHint')}
    </Text>
  );
}
