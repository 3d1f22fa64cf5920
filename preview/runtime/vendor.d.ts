/** The parts of the renderer (j-component over WeChat's exparser) the preview runtime uses. */
declare module 'j-component' {
  export interface RootComponent {
    readonly dom: HTMLElement;
    readonly instance: Record<string, unknown> & { data: Record<string, unknown>; setData(data: Record<string, unknown>): void };
    readonly _exparserNode: ExparserNode;
    attach(parent: Element): void;
    detach(): void;
    triggerPageLifeTime(name: string, ...args: unknown[]): void;
  }
  export interface ExparserNode {
    $$: HTMLElement | undefined;
    id: string;
    dataset: Record<string, unknown>;
    parentNode: ExparserNode | null;
    childNodes: ExparserNode[];
    shadowRoot?: ExparserNode & { querySelector(sel: string): ExparserNode | null };
    ownerShadowRoot?: { getHostNode(): ExparserNode; querySelector(sel: string): ExparserNode | null } | null;
    __wxElement?: ExparserNode;
    triggerPageLifeTime(name: string, args: unknown[]): void;
  }
  const jComponent: {
    register(definition: Record<string, unknown>): string;
    behavior(definition: Record<string, unknown>): string;
    create(id: string, properties?: Record<string, unknown>): RootComponent;
  };
  export default jComponent;
}

declare module 'miniprogram-exparser' {
  const exparser: {
    addListenerToElement(node: unknown, name: string, fn: (e: { detail: unknown }) => unknown, options?: { capture?: boolean }): number;
    Element: { getMethodCaller(node: unknown): Record<string, unknown> & { data: Record<string, unknown> } };
    Component: { getComponentOptions(node: unknown): { classPrefix?: string } };
    Event: {
      dispatchEvent(target: unknown, event: unknown): void;
      create(name: string, detail: unknown, options: Record<string, unknown>): unknown;
    };
  };
  export default exparser;
}
