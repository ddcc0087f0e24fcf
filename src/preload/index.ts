// Preload of the sandboxed window, built as CommonJS (out/preload/index.cjs) with everything it
// imports bundled in: a sandboxed preload can require only 'electron'. It exposes a few functions,
// never ipcRenderer itself nor the IPC event objects.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC, type DesktopBridge } from '../shared/bridge';
import type { WireResult } from '../shared/contract';
import { refuseUnknownChannel } from './channelFilter';

const api: DesktopBridge = {
  invoke(channel, input) {
    const refused = refuseUnknownChannel(channel);
    if (refused) return Promise.resolve(refused);
    return ipcRenderer.invoke(IPC.invoke, channel, input) as Promise<WireResult<unknown>>;
  },
  saveFile(request) {
    // Only the two fields cross; the main process validates them again.
    const { suggestedName, dataBase64 } = request;
    return ipcRenderer.invoke(IPC.saveFile, { suggestedName, dataBase64 }) as Promise<string | null>;
  },
  chooseFolder() {
    return ipcRenderer.invoke(IPC.chooseFolder) as Promise<string | null>;
  },
  onLocked(callback) {
    const listener = (_event: IpcRendererEvent, reason: unknown): void => callback(String(reason));
    ipcRenderer.on(IPC.locked, listener);
    return () => {
      ipcRenderer.removeListener(IPC.locked, listener);
    };
  },
};

contextBridge.exposeInMainWorld('api', api);
