/** What the build hands the browser runtime: the app's pages and every component's template (build/index.ts). */

/** Window settings of app.json `window` and of a page's json (navigationBarTitleText, backgroundColor, ...). */
export type WindowConfig = Partial<{
  navigationBarTitleText: string;
  navigationBarBackgroundColor: string;
  navigationBarTextStyle: 'black' | 'white';
  navigationStyle: 'default' | 'custom';
  backgroundColor: string;
  enablePullDownRefresh: boolean;
  onReachBottomDistance: number;
}> &
  Record<string, unknown>;

export interface ComponentEntry {
  /** The path WeChat knows the component by ('/pages/home/index'). */
  path: string;
  /** Its DOM tag and class prefix. */
  tag: string;
  /** The template, rewritten for the renderer. */
  template: string;
  /** Tag in its template -> component id. */
  using: Record<string, string>;
}

export interface Manifest {
  /** The first page of app.json. */
  entry: string;
  window: WindowConfig;
  /** Tab bar page routes (switchTab targets). */
  tabBar: string[];
  /** Page route -> its component and window settings. */
  pages: Record<string, { component: string; window: WindowConfig }>;
  components: Record<string, ComponentEntry>;
}

export type Loaders = Record<string, () => unknown>;
