import { inflateRawSync } from 'node:zlib';
import { DocumentError, type DocumentLimits } from './limits';

/** One entry of a zip's central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Reads a zip's central directory and refuses it before anything is inflated when its declared sizes exceed the
 * limits (total, per-entry ratio, entry count) or it is not a well-formed zip. .docx and .xlsx are zips.
 */
export function zipDirectory(buf: Buffer, file: string, what: string, limits: DocumentLimits): Map<string, ZipEntry> {
  const corrupt = (why: string) =>
    new DocumentError(
      file,
      what,
      `${file}: damaged (${why}); expected ${what} saved by Word, Excel or LibreOffice`,
      422,
    );
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt('no zip directory at the end: the file is truncated or not a zip');
  const count = buf.readUInt16LE(eocd + 10);
  const dirSize = buf.readUInt32LE(eocd + 12);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) throw corrupt('ZIP64 archives are not read');
  if (count > limits.maxEntries)
    throw new DocumentError(
      file,
      what,
      `${file}: the zip holds ${count} entries, more than the ${limits.maxEntries} a ${what} has; refused`,
      413,
    );
  if (dirOffset + dirSize > eocd) throw corrupt('the zip directory points past its end');
  const entries = new Map<string, ZipEntry>();
  let total = 0;
  let p = dirOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw corrupt(`zip directory entry ${k + 1} is broken`);
    const flags = buf.readUInt16LE(p + 8);
    const entry: ZipEntry = {
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      uncompressedSize: buf.readUInt32LE(p + 24),
      localHeaderOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + buf.readUInt16LE(p + 28)),
    };
    if (flags & 1)
      throw new DocumentError(file, what, `${file}: the zip is encrypted; expected ${what} without a password`, 422);
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (total > limits.maxUnzippedBytes || (entry.uncompressedSize > 1_000_000 && ratio > limits.maxRatio))
      throw new DocumentError(
        file,
        what,
        `${file}: refused as a zip bomb: "${entry.name}" inflates ${Math.round(ratio)}× to ${entry.uncompressedSize} bytes ` +
          `(${total} in all; limits ${limits.maxRatio}× and ${limits.maxUnzippedBytes} bytes)`,
        413,
      );
    entries.set(entry.name, entry);
    p += 46 + buf.readUInt16LE(p + 28) + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

/** Inflates one entry, never past its declared size (a zip that lies about its sizes is refused, not inflated). */
export function readZipEntry(buf: Buffer, entry: ZipEntry, file: string, what: string): Buffer {
  const p = entry.localHeaderOffset;
  const corrupt = (why: string) =>
    new DocumentError(file, what, `${file}: damaged (${entry.name}: ${why}); expected ${what}`, 422);
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) throw corrupt('no local header');
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (data.length < entry.compressedSize) throw corrupt('truncated');
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method !== 8) throw corrupt(`compression method ${entry.method} is not deflate`);
  try {
    const out = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
    if (out.length !== entry.uncompressedSize) throw new Error('size differs from the declared one');
    return out;
  } catch (err) {
    throw corrupt(err instanceof Error ? err.message : String(err));
  }
}
