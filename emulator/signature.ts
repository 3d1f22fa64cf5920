/**
 * The signature every @cloudbase/node-sdk request carries (TC3-HMAC-SHA256 over the tcb service), checked the way
 * the cloud checks it, so that only a caller holding the keys the emulator was started with reaches the database.
 *
 * What the SDK signs (3.18, @cloudbase/signature-nodejs):
 *   Authorization: TC3-HMAC-SHA256 Credential=<secretId>/<yyyy-mm-dd>/tcb/tc3_request, SignedParams=<keys>,
 *                  SignedHeaders=<names>, Signature=<hex>
 *   X-Timestamp:   the signing time in seconds (the date in the credential is its UTC day)
 *
 *   canonical request = method \n //host/path \n query string \n name:value\n per signed header (values trimmed,
 *                       lower case) \n signed header names joined by ; \n payload hash
 *   payload hash      = sha256 over "&<key>=<value>\r\n" for each body key (lower case) in sorted order, values as
 *                       strings (JSON for anything else), empty values left out
 *   string to sign    = TC3-HMAC-SHA256 \n timestamp \n <date>/tcb/tc3_request \n sha256(canonical request)
 *   key               = HMAC chain "TC3" + secretKey -> date -> "tcb" -> "tc3_request"
 * The SDK writes the method as it was given ("post" for database and wx calls); either case is accepted.
 */
import crypto from 'node:crypto';
import type http from 'node:http';

export interface Credentials {
  secretId: string;
  secretKey: string;
}

/** The keys the function host, the project's scripts and tests use locally unless EMULATOR_SECRET_ID/KEY say otherwise. */
export const DEFAULT_CREDENTIALS: Credentials = { secretId: 'local', secretKey: 'local' };

export function credentialsFromEnv(env: NodeJS.ProcessEnv = process.env): Credentials {
  return {
    secretId: env.EMULATOR_SECRET_ID || DEFAULT_CREDENTIALS.secretId,
    secretKey: env.EMULATOR_SECRET_KEY || DEFAULT_CREDENTIALS.secretKey,
  };
}

/** How long a signature stays valid either side of its timestamp (the SDK asks for 600 s: X-Signature-Expires). */
export const SIGNATURE_TTL_SECONDS = 600;

/** The cloud's code for a request whose signature is missing, wrong or expired. */
export const SIGNATURE_ERROR = 'SIGN_PARAM_INVALID';

export class SignatureError extends Error {}

const AUTHORIZATION =
  /^TC3-HMAC-SHA256 Credential=([^/\s,]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/tc3_request,(?: SignedParams=[^,]*,)? SignedHeaders=([a-z0-9;_-]+), Signature=([0-9a-f]{64})$/;

function sha256(text: string): string {
  return crypto.hash('sha256', text);
}

function hmac(key: string | Buffer, text: string): Buffer {
  return crypto.createHmac('sha256', key).update(text).digest();
}

/** Body keys as the signer spells them: lower case, URL-encoded the way Tencent Cloud's CAM does. */
function spellKey(key: string): string {
  return encodeURIComponent(key.toLowerCase().trim()).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A body's keys are the same few on every request: each is spelled once (a hostile body's many keys are not kept). */
const spelledKeys = new Map<string, string>();
function signedKey(key: string): string {
  let spelled = spelledKeys.get(key);
  if (spelled === undefined) {
    spelled = spellKey(key);
    if (spelledKeys.size < 1000) spelledKeys.set(key, spelled);
  }
  return spelled;
}

/** The signer's key order (String#localeCompare), with one collator rather than one per comparison. */
const byLocale = new Intl.Collator();

/** The signer's order of a body's spelled keys: each request of a kind has the same keys, so each order is sorted once. */
const sortedKeys = new Map<string, string[]>();
function signedOrder(keys: string[]): string[] {
  const id = keys.join('\n');
  let order = sortedKeys.get(id);
  if (order === undefined) {
    order = [...keys].sort(byLocale.compare);
    if (sortedKeys.size < 1000) sortedKeys.set(id, order);
  }
  return order;
}

/** The payload hash of a parsed JSON body (see the file comment). */
export function payloadHash(body: Record<string, unknown>): string {
  const values = new Map<string, string>();
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined) continue;
    values.set(signedKey(key), (typeof value === 'string' ? value : JSON.stringify(value)).trim());
  }
  let signed = '';
  for (const key of signedOrder([...values.keys()])) {
    const value = values.get(key)!;
    if (value) signed += `&${key}=${value}\r\n`;
  }
  return sha256(signed);
}

/** The day's signing key (the SDK's own chain); the day's last key is kept, as every request of a day shares it. */
let lastKey: { secretKey: string; date: string; key: Buffer } | undefined;
function signingKey(secretKey: string, date: string): Buffer {
  if (lastKey?.secretKey !== secretKey || lastKey.date !== date)
    lastKey = { secretKey, date, key: hmac(hmac(hmac(`TC3${secretKey}`, date), 'tcb'), 'tc3_request') };
  return lastKey.key;
}

function header(req: http.IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * Checks the request's signature against `credentials`; throws SignatureError with a message that says what is
 * wrong (Chinese, then the cloud's English wording).
 */
export function verifySignature(req: http.IncomingMessage, body: Record<string, unknown>, credentials: Credentials, now = Date.now()): void {
  const authorization = header(req, 'authorization');
  const timestampText = header(req, 'x-timestamp');
  if (!authorization || !timestampText) throw new SignatureError('请求未签名：缺少 Authorization 或 X-Timestamp 请求头 (missing signature)');
  const parts = AUTHORIZATION.exec(authorization);
  if (!parts || !/^\d{1,12}$/.test(timestampText)) throw new SignatureError('签名格式不正确 (malformed authorization)');
  const [, secretId, date, service, signedHeaders, signature] = parts;
  const timestamp = Number(timestampText);
  if (Math.abs(now / 1000 - timestamp) > SIGNATURE_TTL_SECONDS) throw new SignatureError('签名已过期 (signature is expired)');
  if (new Date(timestamp * 1000).toISOString().slice(0, 10) !== date || service !== 'tcb')
    throw new SignatureError('签名的日期或服务不正确 (invalid credential scope)');
  if (secretId !== credentials.secretId) throw new SignatureError('SecretId 不正确 (secret id error)');

  const names = signedHeaders.split(';');
  if (!names.includes('host')) throw new SignatureError('签名必须包含 host 请求头 (host must be signed)');
  const lines = names.map((name) => {
    const value = header(req, name);
    if (value === undefined) throw new SignatureError(`签名的请求头 ${name} 不存在 (signed header missing)`);
    return `${name}:${value.trim().toLowerCase()}`;
  });
  const [path, query = ''] = (req.url ?? '/').split('?');
  const rest = `//${header(req, 'host')}${path}\n${query}\n${lines.join('\n')}\n\n${signedHeaders}\n${payloadHash(body)}`;
  const scope = `${date}/${service}/tc3_request`;
  const key = signingKey(credentials.secretKey, date);
  const expected = Buffer.from(signature, 'hex');
  const matches = [(req.method ?? 'POST').toLowerCase(), (req.method ?? 'POST').toUpperCase()].some((method) => {
    const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256(`${method}\n${rest}`)}`;
    return crypto.timingSafeEqual(hmac(key, stringToSign), expected);
  });
  if (!matches) throw new SignatureError('签名不正确：请求内容或密钥与签名不符 (signature mismatch)');
}
