/**
 * `/wxa/getwxacodeunlimit` (wxacode.getUnlimited): an unlimited mini-program code for a page and a scene. WeChat draws
 * its round 小程序码; here a real QR code (the `qrcode` library) stands in for it, carrying what scanning would open:
 * the page with the scene (`pages/bind/index?scene=i%3DABCD2345`), so a phone camera or a test can read it back.
 * As WeChat checks: scene at most 32 visible characters of its allowed set, page without a leading slash, width
 * 280–1280. WeChat answers the image bytes; through wx.api the emulator hands them over as
 * { errcode: 0, contentType: 'image/png', buffer: <base64> } (the shape the cloud SDKs give for this API).
 */
import QRCode from 'qrcode';
import type { OpenApiReply } from './types';

const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@._~-]{1,32}$/;

/** The text as one byte segment, already encoded (the library would reach for TextEncoder, which jsdom lacks). */
export const qrSegments = (text: string): QRCode.QRCodeSegment[] => [{ data: Buffer.from(text, 'utf8'), mode: 'byte' }];

export async function unlimitedCode(request: Record<string, unknown>): Promise<OpenApiReply> {
  const { scene, page, width } = request;
  if (typeof scene !== 'string' || !SCENE.test(scene)) return { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' };
  if (page !== undefined && (typeof page !== 'string' || page.startsWith('/') || page.includes('?'))) return { errcode: 41030, errmsg: 'invalid page rule' };
  const size = width === undefined ? 430 : Number(width);
  if (!Number.isInteger(size) || size < 280 || size > 1280) return { errcode: 40097, errmsg: 'invalid args: width' };
  const target = `${page || 'pages/index/index'}?scene=${encodeURIComponent(scene)}`;
  const png = await QRCode.toBuffer(qrSegments(target), { type: 'png', width: size, margin: 2, errorCorrectionLevel: 'M' });
  return { errcode: 0, errmsg: 'ok', contentType: 'image/png', buffer: png.toString('base64') };
}
