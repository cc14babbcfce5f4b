/**
 * A minimal protocol-buffers wire-format writer: enough to hand-encode a few fixed messages
 * (the gnostic OpenAPI v2 document) without pulling in a protobuf runtime. Proto3 rules:
 * scalar fields at their default value are left out by the caller; sub-messages and oneof
 * members are written whenever present, even when empty.
 */

const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v > 0x7f) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

/** Accumulates one message's fields; `bytes()` returns its encoding (without a length prefix). */
export class ProtoMessage {
  private readonly chunks: Buffer[] = [];

  private tag(field: number, wireType: number): void {
    this.chunks.push(Buffer.from(varint(field * 8 + wireType)));
  }

  private delimited(field: number, payload: Buffer): this {
    this.tag(field, LENGTH_DELIMITED);
    this.chunks.push(Buffer.from(varint(payload.length)), payload);
    return this;
  }

  /** A string field; empty strings are proto3 defaults and are skipped. */
  string(field: number, value: string | undefined): this {
    return value ? this.delimited(field, Buffer.from(value, "utf8")) : this;
  }

  /** A repeated string field. */
  strings(field: number, values: readonly string[] | undefined): this {
    for (const value of values ?? []) this.delimited(field, Buffer.from(value, "utf8"));
    return this;
  }

  /** A sub-message field; written even when empty, because presence is meaningful. */
  message(field: number, value: ProtoMessage | undefined): this {
    return value ? this.delimited(field, value.bytes()) : this;
  }

  /** A repeated sub-message field. */
  messages(field: number, values: readonly ProtoMessage[]): this {
    for (const value of values) this.delimited(field, value.bytes());
    return this;
  }

  /** A bool field; `force` writes false too (a oneof member must be written to be chosen). */
  bool(field: number, value: boolean | undefined, force = false): this {
    if (value === undefined || (!value && !force)) return this;
    this.tag(field, VARINT);
    this.chunks.push(Buffer.from([value ? 1 : 0]));
    return this;
  }

  /** An int64 field holding a non-negative integer (lengths and counts). */
  int64(field: number, value: number | undefined): this {
    if (!value || value < 0 || !Number.isInteger(value)) return this;
    this.tag(field, VARINT);
    this.chunks.push(Buffer.from(varint(value)));
    return this;
  }

  /** A double field. */
  double(field: number, value: number | undefined): this {
    if (value === undefined || value === 0) return this;
    this.tag(field, FIXED64);
    const b = Buffer.alloc(8);
    b.writeDoubleLE(value);
    this.chunks.push(b);
    return this;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}
