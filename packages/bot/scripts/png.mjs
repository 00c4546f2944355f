// A minimal PNG encoder and header reader: enough to draw the Teams app icons and to check
// them, without an image library.
import { crc32, deflateSync } from 'node:zlib';

const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/**
 * Encodes 8-bit RGBA pixels (row-major, 4 bytes a pixel) as a PNG file.
 * @param {number} width
 * @param {number} height
 * @param {Uint8Array} rgba
 * @returns {Buffer}
 */
export function encodePng(width, height, rgba) {
  if (rgba.length !== width * height * 4) throw new Error(`encodePng: expected ${width * height * 4} bytes, got ${rgba.length}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: truecolour with alpha
  // bytes 10-12: compression, filter and interlace methods, all 0
  const rowLength = width * 4;
  const raw = Buffer.alloc((rowLength + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (rowLength + 1)] = 0; // filter: none — icons are tiny, so size does not matter
    Buffer.from(rgba.buffer, rgba.byteOffset + y * rowLength, rowLength).copy(raw, y * (rowLength + 1) + 1);
  }
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * Reads a PNG's size and colour type from its IHDR chunk, or says why the bytes are not a PNG.
 * @param {Buffer} bytes
 * @returns {{ok: true, width: number, height: number, bitDepth: number, colourType: number} | {ok: false, reason: string}}
 */
export function readPngHeader(bytes) {
  if (bytes.length < 33 || !bytes.subarray(0, 8).equals(signature)) return { ok: false, reason: 'not a PNG file (bad signature)' };
  if (bytes.toString('ascii', 12, 16) !== 'IHDR') return { ok: false, reason: 'PNG file does not start with an IHDR chunk' };
  return { ok: true, width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bitDepth: bytes[24], colourType: bytes[25] };
}
