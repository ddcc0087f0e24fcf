// What the preload exposes to the renderer as `window.api` in Electron. In browser mode there is
// no `window.api` and the renderer's client falls back to HTTP (ARCHITECTURE.md, browser host).
import { z } from 'zod';
import { Base64, type Channel, type WireResult } from './contract';

/** Electron IPC channel names between preload and main (not contract channels). */
export const IPC = {
  invoke: 'ttll:invoke',
  saveFile: 'ttll:saveFile',
  chooseFolder: 'ttll:chooseFolder',
  locked: 'ttll:locked',
} as const;

/** A generated file (an export, a printed document) the user saves where they choose. */
export const SaveFileRequest = z
  .object({
    suggestedName: z.string().min(1).max(255),
    dataBase64: Base64,
  })
  .strict();
export type SaveFileRequest = z.infer<typeof SaveFileRequest>;

export interface DesktopBridge {
  /** One contract call; channels outside the contract are refused before they leave the preload. */
  invoke(channel: Channel, input: unknown): Promise<WireResult<unknown>>;
  /** Shows the native save dialog and writes the file; the chosen path, or null if cancelled. */
  saveFile(request: SaveFileRequest): Promise<string | null>;
  /** Shows the native folder chooser; the chosen folder, or null if cancelled. */
  chooseFolder(): Promise<string | null>;
  /** Called when the main process locked the vault (suspend, screen lock, idle); returns an unsubscribe. */
  onLocked(callback: (reason: string) => void): () => void;
}

declare global {
  interface Window {
    api?: DesktopBridge;
  }
}
