/**
 * The feeds' icon: a 32×32 PNG (a white "P" on blue), served by parley itself
 * at /feeds/icon.png, so no feed refers to an external asset.
 */
export const FEED_ICON_PATH = "/feeds/icon.png";

const BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAIAAAD8GO2jAAAAQElEQVR42mP4T2PAMGoBSRbI+1VSBY1aQDULiIzGUQvoZAHxUiPWgtFUREZAU7moGLVg1ILROplaFow2HQfEAgDHumuSxdEN3AAAAABJRU5ErkJggg==";

/** The icon's bytes. */
export function feedIconPng(): Uint8Array<ArrayBuffer> {
  const text = atob(BASE64);
  const bytes = new Uint8Array(new ArrayBuffer(text.length));
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}
