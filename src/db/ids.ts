import { randomBytes } from "node:crypto";
import { formatId, type IdKind } from "../core/ids";

/** A fresh random id of the given kind (16 base32 chars, 80 bits). */
export function newId<T extends string>(kind: IdKind): T {
  return formatId(kind, randomBytes(16)) as T;
}
