/**
 * What page tests put around the pages' `wx`: WeChat's privacy-setting answers, and a record of the actions a page
 * sends through the local transport.
 */

/** wx.getPrivacySetting answers (later, as WeChat does) that this user has not agreed to the privacy guide yet. */
export function privacyNotAgreedYet(): void {
  (wx as unknown as { getPrivacySetting: unknown }).getPrivacySetting = jest.fn((o: { success(r: unknown): void }) =>
    setTimeout(() => o.success({ needAuthorization: true, privacyContractName: '《关爱室小程序隐私保护指引》', errMsg: 'getPrivacySetting:ok' }), 0),
  );
}

/** No wx.getPrivacySetting, as on a base library before 2.32.3 (and in miniprogram-simulate). */
export function noPrivacySetting(): void {
  delete (wx as unknown as { getPrivacySetting?: unknown }).getPrivacySetting;
}

/**
 * The actions the page sends from now on, in order (wrapping the wx.request the local transport uses), and how many
 * still wait for an answer. Installing the local transport (openPage does) puts a fresh wx.request in place, so
 * start recording after it.
 */
export function recordActions(): { sent: string[]; waiting: () => number } {
  const sent: string[] = [];
  let open = 0;
  const request = wx.request;
  wx.request = ((opts: WechatMiniprogram.RequestOption) => {
    const body = typeof opts.data === 'string' ? JSON.parse(opts.data) : opts.data;
    sent.push(String((body as { action?: string } | undefined)?.action));
    open += 1;
    const complete = opts.complete;
    return request({
      ...opts,
      complete: (res: WechatMiniprogram.GeneralCallbackResult) => {
        open -= 1;
        complete?.(res);
      },
    });
  }) as typeof wx.request;
  return { sent, waiting: () => open };
}
