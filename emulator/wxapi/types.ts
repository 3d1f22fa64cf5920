/** An open API's answer: WeChat's JSON reply (errcode, errmsg, and what the API adds). */
export type OpenApiReply = { errcode: number; errmsg: string } & Record<string, unknown>;
