/**
 * The phone's signal in page tests, as WeChat gives it: wx.getNetworkType, wx.onNetworkStatusChange (and off), and
 * while offline every wx.request fails as the runtime fails it ("request:fail", no answer). The state lives on the
 * test file's global object, so every copy of the pages' modules (openPage loads them afresh) sees the same one.
 *
 *   const net = simulatedNetwork();
 *   net.offline();            // requests fail from now on
 *   net.online();             // they go through again, and every listener hears isConnected: true
 */
type Listener = (res: { isConnected: boolean; networkType: string }) => void;

interface NetworkState {
  online: boolean;
  listeners: Set<Listener>;
}

const shared = globalThis as typeof globalThis & { __network?: NetworkState };

export function networkState(): NetworkState {
  return (shared.__network ??= { online: true, listeners: new Set() });
}

/** Whether requests may go out now (the local transport asks before each one). */
export function networkUp(): boolean {
  return networkState().online;
}

export function simulatedNetwork() {
  const state = networkState();
  const w = wx as unknown as Record<string, unknown>;
  w.getNetworkType = (o: { success?(r: unknown): void; complete?(r: unknown): void }) => {
    const res = { networkType: state.online ? 'wifi' : 'none', errMsg: 'getNetworkType:ok' };
    setTimeout(() => (o.success?.(res), o.complete?.(res)), 0);
  };
  w.onNetworkStatusChange = (fn: Listener) => void state.listeners.add(fn);
  w.offNetworkStatusChange = (fn?: Listener) => (fn ? void state.listeners.delete(fn) : state.listeners.clear());
  const set = (online: boolean) => {
    state.online = online;
    for (const fn of [...state.listeners]) fn({ isConnected: online, networkType: online ? 'wifi' : 'none' });
  };
  return {
    offline: () => set(false),
    online: () => set(true),
    listeners: () => state.listeners.size,
    reset: () => {
      state.online = true;
      state.listeners.clear();
    },
  };
}
