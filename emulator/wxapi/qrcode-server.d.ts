// The library's node build by path: test environments that prefer a package's browser build (jsdom) would get one
// without toBuffer.
declare module 'qrcode/lib/server' {
  export * from 'qrcode';
}
