import { randomBytes } from "node:crypto";
import { formatId, type IdKind } from "../core/ids";

const ID_BYTES = 16;
/** Random bytes drawn 256 ids at a time: one randomBytes call per id was a tenth of a 50,000-person import. */
const POOL_BYTES = ID_BYTES * 256;
let pool = new Uint8Array(0);
let offset = 0;

/** A fresh random id of the given kind (16 base32 chars, 80 bits). Each pooled byte is used once. */
export function newId<T extends string>(kind: IdKind): T {
  if (offset + ID_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + ID_BYTES);
  offset += ID_BYTES;
  return formatId(kind, bytes) as T;
}
