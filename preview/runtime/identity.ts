/** Where miniprogram/services/transport.ts keeps the local identity, and its default (tests/preview checks both). */
export const IDENTITY_KEY = 'careRoom.localOpenid';
/** miniprogram/config.ts DEFAULT_LOCAL_OPENID */
export const DEFAULT_IDENTITY = 'demo-teacher';
