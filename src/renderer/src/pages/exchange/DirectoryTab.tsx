import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useCallback, useEffect, useState } from 'react';
import type { ExchangeOffice, Organization, OutputOf } from '../../../../shared/contract';
import { foldVietnamese } from '../../../../shared/text';
import { invoke } from '../../api/client';
import { notifyError, notifyOk } from '../../components/errors';
import { SearchInput } from '../../components/SearchInput';
import { useFileSave } from '../../components/useFileSave';
import { usePermissions } from '../../components/usePermissions';
import { useI18n } from '../../i18n';
import { AcceptDirectoryModal } from './AcceptDirectoryModal';
import { Fingerprint } from './Fingerprint';
import { OfficeModal } from './OfficeModal';
import { RevokeModal } from './RevokeModal';

type Directory = OutputOf<'exchange.directoryList'>;

/**
 * The directory of offices: the province adds offices from their key files (fingerprint typed
 * and compared), edits and revokes them, and publishes the directory; an office accepts it.
 */
export function DirectoryTab(props: { province: boolean }) {
  const { t } = useI18n();
  const { can } = usePermissions();
  const [dir, setDir] = useState<Directory | null>(null);
  const [orgs, setOrgs] = useState<Organization[]>([]);
  const [query, setQuery] = useState('');
  const [editing, setEditing] = useState<ExchangeOffice | 'new' | null>(null);
  const [revoking, setRevoking] = useState<ExchangeOffice | null>(null);
  const [accepting, setAccepting] = useState(false);
  const publish = useFileSave();
  const load = useCallback(async () => {
    try {
      const [d, o] = await Promise.all([
        invoke('exchange.directoryList', {}),
        can('contacts.orgs.list') ? invoke('contacts.orgs.list', {}) : Promise.resolve([]),
      ]);
      setDir(d);
      setOrgs(o);
    } catch (err) {
      notifyError(t, err);
    }
  }, [t, can]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!dir) return null;
  const q = foldVietnamese(query.trim());
  const shown = dir.offices.filter(
    (o) => !q || foldVietnamese(`${o.code} ${o.name} ${o.groups.join(' ')}`).includes(q),
  );
  const manage = can('exchange.addOffice');
  const edits = manage && props.province;
  const self = (o: ExchangeOffice) => o.originOffice === o.code;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <SearchInput
          testId="directory-search"
          placeholder={t('exchange.directory.search')}
          value={query}
          onChange={setQuery}
          minWidth={260}
        />
        {manage && (
          <Group>
            {/* The province keeps and publishes the directory; its offices accept it. */}
            {props.province ? (
              <>
                <Button data-testid="directory-add" onClick={() => setEditing('new')}>
                  {t('exchange.office.add')}
                </Button>
                <Button
                  data-testid="directory-publish"
                  variant="default"
                  loading={publish.busy}
                  onClick={() =>
                    void publish.save(async () => {
                      const p = await invoke('exchange.publishDirectory', {});
                      notifyOk(
                        t('exchange.directory.published', { sequence: p.sequence, count: p.recipients }),
                      );
                      return p.file;
                    })
                  }
                >
                  {t('exchange.directory.publish')}
                </Button>
              </>
            ) : (
              <Button data-testid="directory-accept" variant="default" onClick={() => setAccepting(true)}>
                {t('exchange.directory.accept')}
              </Button>
            )}
          </Group>
        )}
      </Group>
      <Text size="sm" c="dimmed" data-testid="directory-province">
        {dir.province
          ? t('exchange.directory.pinned', {
              office: dir.province.office,
              fingerprint: dir.province.fingerprint,
            })
          : t('exchange.directory.notPinned')}
      </Text>
      <Table striped withTableBorder data-testid="directory-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('exchange.office.code')}</Table.Th>
            <Table.Th>{t('exchange.office.name')}</Table.Th>
            <Table.Th>{t('exchange.office.level')}</Table.Th>
            <Table.Th>{t('exchange.office.groups')}</Table.Th>
            <Table.Th>{t('exchange.fingerprint')}</Table.Th>
            <Table.Th>{t('exchange.office.state')}</Table.Th>
            {edits && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((o) => (
            <Table.Tr key={o.id} data-testid={`office-row-${o.code}`}>
              <Table.Td>{o.code}</Table.Td>
              <Table.Td>
                {o.name}
                {o.organizationName && (
                  <Text size="xs" c="dimmed">
                    {o.organizationName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{t(`level.${o.level}`)}</Table.Td>
              <Table.Td>{o.groups.join(', ')}</Table.Td>
              <Table.Td>
                <Fingerprint value={o.fingerprint} size="xs" gap={6} />
              </Table.Td>
              {/* Wide enough for the badge: an ellipsis would let the column squeeze it. */}
              <Table.Td miw={150} style={{ whiteSpace: 'nowrap' }}>
                {o.revokedAt ? (
                  <Badge color="red" title={o.revokedReason ?? ''}>
                    {t('exchange.office.revoked')}
                  </Badge>
                ) : o.active ? (
                  <Badge color="green">{t('exchange.office.active')}</Badge>
                ) : (
                  <Badge color="gray">{t('exchange.office.expired')}</Badge>
                )}
              </Table.Td>
              {edits && (
                <Table.Td>
                  {!self(o) && (
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="default" onClick={() => setEditing(o)}>
                        {t('common.edit')}
                      </Button>
                      {!o.revokedAt && (
                        <Button
                          size="xs"
                          color="red"
                          variant="light"
                          data-testid={`office-revoke-${o.code}`}
                          onClick={() => setRevoking(o)}
                        >
                          {t('exchange.office.revoke')}
                        </Button>
                      )}
                    </Group>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {shown.length === 0 && <Text c="dimmed">{t('exchange.directory.empty')}</Text>}
      <OfficeModal
        opened={editing !== null}
        office={editing === 'new' ? null : editing}
        orgs={orgs}
        onClose={() => setEditing(null)}
        onSaved={() => void load()}
      />
      <RevokeModal office={revoking} onClose={() => setRevoking(null)} onRevoked={() => void load()} />
      <AcceptDirectoryModal
        opened={accepting}
        pinned={dir.province !== null}
        onClose={() => setAccepting(false)}
        onAccepted={() => void load()}
      />
    </Stack>
  );
}
