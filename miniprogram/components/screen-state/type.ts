/** What a page's first screen is doing: the states <screen-state> draws; any other (a page's 'ready', 'unbound', ...) it leaves to the page. */
export type ScreenState = 'loading' | 'error' | 'forbidden' | (string & {});

// a type, not an interface: Component() wants properties it can index
export type ScreenStateProps = {
  /** data.state of the page */
  state: { type: StringConstructor; value: ScreenState };
  /** the Chinese message of the failed load (data.errorMessage) */
  errorMessage: { type: StringConstructor; value: string };
  /** what someone without the right role reads, e.g. 只有管理员可以查看审计日志 */
  forbiddenText: { type: StringConstructor; value: string };
};
