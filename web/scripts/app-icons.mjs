// Draws the employee app's PNG icons (app/public/icon-*.png) from the same shapes as icon.svg: a
// green rounded square, a white ring and a yellow dot. Plain Node (zlib), no image library; the
// output is deterministic, so the committed icons are what this script makes.
//   node scripts/app-icons.mjs
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function icon(size, maskable) {
  const s = size / 512; // drawn in the SVG's 512 units
  const radius = maskable ? 0 : 96; // a maskable icon fills its square; the launcher rounds it
  const scale = maskable ? 0.8 : 1; // and keeps its picture inside the safe zone
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      // 4×4 supersampling for smooth edges
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < 4; sy++)
        for (let sx = 0; sx < 4; sx++) {
          const px = (x + (sx + 0.5) / 4) / s, py = (y + (sy + 0.5) / 4) / s;
          const cx = Math.min(Math.max(px, radius), 512 - radius), cy = Math.min(Math.max(py, radius), 512 - radius);
          if (Math.hypot(px - cx, py - cy) > radius) continue;
          const d = Math.hypot(px - 256, py - 256) / scale;
          let c = [0x1d, 0x5c, 0x4d];
          if (d <= 52) c = [0xff, 0xbf, 0x47];
          else if (Math.abs(d - 150) <= 22) c = [0xff, 0xff, 0xff];
          r += c[0]; g += c[1]; b += c[2]; a += 255;
        }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const n = a / 255 || 1;
      raw[o] = Math.round(r / n); raw[o + 1] = Math.round(g / n); raw[o + 2] = Math.round(b / n); raw[o + 3] = Math.round(a / 16);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
}

const out = new URL("../app/public/", import.meta.url);
writeFileSync(new URL("icon-192.png", out), icon(192, false));
writeFileSync(new URL("icon-512.png", out), icon(512, false));
writeFileSync(new URL("icon-maskable-512.png", out), icon(512, true));
