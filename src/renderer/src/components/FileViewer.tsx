import { Alert, Center, Loader, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { FileOut } from '../../../shared/contract';
import { errorText } from './errors';
import { useI18n } from '../i18n';

/** Pages beyond this are not drawn at once: a 300-page scan would hold gigabytes of canvas. */
const MAX_PAGES = 60;
const PAGE_WIDTH_PX = 820;

const toBytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

/** A stored file as lists show it (a registry entry's attachment, a task's evidence). */
export interface StoredFile {
  id: string;
  fileName: string;
  mime: string;
  size: number;
  addedAt: string;
}

/**
 * Shows a stored file inside the app: PDF pages drawn by pdf.js on canvases, images from a blob
 * URL. The bytes stay in memory; nothing is written to disk and no external viewer is opened.
 */
export function FileViewer(props: {
  file: StoredFile | null;
  /** Its bytes, from the module that keeps it. */
  load: (id: string) => Promise<FileOut>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [state, setState] = useState<'loading' | 'ready' | { error: string }>('loading');
  const [pages, setPages] = useState(0);
  const [imageUrl, setImageUrl] = useState<string | null>(null);
  const holder = useRef<HTMLDivElement>(null);
  const att = props.file;
  const { load } = props;

  useEffect(() => {
    if (!att) return;
    let cancelled = false;
    let url: string | null = null;
    setState('loading');
    setPages(0);
    void (async () => {
      try {
        const file = await load(att.id);
        const bytes = toBytes(file.dataBase64);
        if (file.mime !== 'application/pdf') {
          url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
          if (!cancelled) setImageUrl(url);
        } else {
          await drawPdf(bytes, () => cancelled, holder.current, setPages);
        }
        if (!cancelled) setState('ready');
      } catch (err) {
        if (!cancelled) setState({ error: errorText(t, err) });
      }
    })();
    return () => {
      cancelled = true;
      if (url) URL.revokeObjectURL(url);
      setImageUrl(null);
      holder.current?.replaceChildren();
    };
  }, [att, load, t]);

  return (
    <Modal opened={att !== null} onClose={props.onClose} title={att?.fileName ?? ''} size="auto" centered>
      <Stack gap="xs" data-testid="attachment-viewer">
        <Text size="xs" c="dimmed">
          {t('docs.att.notice')}
          {pages > 0 ? ` ${t('docs.att.page', { n: Math.min(pages, MAX_PAGES), total: pages })}` : ''}
        </Text>
        {state === 'loading' && (
          <Center p="xl">
            <Loader />
            <Text ml="sm">{t('docs.att.loading')}</Text>
          </Center>
        )}
        {typeof state === 'object' && <Alert color="red">{state.error}</Alert>}
        <ScrollArea.Autosize mah="75vh" w={PAGE_WIDTH_PX + 24}>
          <div ref={holder} data-testid="attachment-pages" />
          {imageUrl && <img src={imageUrl} alt={att?.fileName ?? ''} style={{ maxWidth: PAGE_WIDTH_PX }} />}
        </ScrollArea.Autosize>
      </Stack>
    </Modal>
  );
}

async function drawPdf(
  bytes: Uint8Array,
  cancelled: () => boolean,
  holder: HTMLDivElement | null,
  onPages: (n: number) => void,
): Promise<void> {
  // Loaded on first view: pdf.js is large and most sessions never open an attachment.
  const pdfjs = await import('pdfjs-dist');
  const { default: workerUrl } = await import('pdfjs-dist/build/pdf.worker.min.mjs?url');
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  const doc = await pdfjs.getDocument({ data: bytes, isEvalSupported: false }).promise;
  try {
    onPages(doc.numPages);
    for (let i = 1; i <= Math.min(doc.numPages, MAX_PAGES) && !cancelled(); i++) {
      const page = await doc.getPage(i);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: PAGE_WIDTH_PX / base.width });
      const canvas = document.createElement('canvas');
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      canvas.style.display = 'block';
      canvas.style.marginBottom = '8px';
      canvas.style.border = '1px solid var(--mantine-color-gray-4)';
      canvas.dataset.page = String(i);
      holder?.appendChild(canvas);
      await page.render({ canvas, viewport }).promise;
    }
  } finally {
    await doc.destroy();
  }
}
