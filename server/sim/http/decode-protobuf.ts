/**
 * Decodes the `application/vnd.kubernetes.protobuf` bodies kubectl's typed clients send (the
 * "k8s\0" magic, a runtime.Unknown envelope, then the object) into the JSON object the rest of
 * the simulator works with. https://kubernetes.io/docs/reference/using-api/api-concepts/#protobuf-encoding
 */
import { SimError } from "@/server/sim/contract";
import { MESSAGES, ROOT_MESSAGES, type FieldSpec } from "@/server/sim/http/protobuf-schemas";

interface RawField {
  no: number;
  wire: number;
  varint?: bigint;
  bytes?: Buffer;
}

function unsupported(detail: string): SimError {
  return new SimError(415, "UnsupportedMediaType", `the simulated API server cannot decode this protobuf body (${detail}); send application/json instead`);
}

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length) throw unsupported("truncated varint");
    const b = buf[pos++];
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7n;
  }
}

function readFields(buf: Buffer): RawField[] {
  const out: RawField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, p1] = readVarint(buf, pos);
    pos = p1;
    const no = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire === 0) {
      const [v, p2] = readVarint(buf, pos);
      out.push({ no, wire, varint: v });
      pos = p2;
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos);
      out.push({ no, wire, bytes: buf.subarray(p2, p2 + Number(len)) });
      pos = p2 + Number(len);
    } else if (wire === 1) {
      pos += 8;
    } else if (wire === 5) {
      pos += 4;
    } else throw unsupported(`wire type ${wire}`);
  }
  return out;
}

function scalar(field: FieldSpec, raw: RawField): unknown {
  switch (field.type) {
    case "string":
      return raw.bytes!.toString("utf8");
    case "bytes":
      return raw.bytes!.toString("base64");
    case "int":
      return Number(BigInt.asIntN(64, raw.varint!));
    case "bool":
      return raw.varint !== 0n;
    case "time": {
      const seconds = readFields(raw.bytes!).find((x) => x.no === 1)?.varint ?? 0n;
      return seconds === 0n ? undefined : new Date(Number(seconds) * 1000).toISOString().replace(/\.\d+Z$/, "Z");
    }
    case "quantity":
      return readFields(raw.bytes!).find((x) => x.no === 1)?.bytes?.toString("utf8");
    case "intorstring": {
      const parts = readFields(raw.bytes!);
      const type = Number(parts.find((x) => x.no === 1)?.varint ?? 0n);
      return type === 1 ? (parts.find((x) => x.no === 3)?.bytes?.toString("utf8") ?? "") : Number(parts.find((x) => x.no === 2)?.varint ?? 0n);
    }
    default:
      if ("message" in field.type) return decodeMessage(field.type.message, raw.bytes!);
      throw unsupported(`field ${field.name}`);
  }
}

function isZero(v: unknown): boolean {
  if (v === undefined || v === "" || v === 0 || v === false) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === "object" && v !== null && Object.keys(v).length === 0;
}

function decodeMessage(name: string, buf: Buffer): Record<string, unknown> {
  const spec = MESSAGES[name];
  if (!spec) throw unsupported(`message ${name}`);
  const out: Record<string, unknown> = {};
  for (const raw of readFields(buf)) {
    const field = spec[raw.no];
    if (!field) {
      // Go's marshaller writes every non-pointer field; a zero value there means "unset".
      if (name === "Empty" || raw.varint === 0n || raw.bytes?.length === 0) continue;
      throw unsupported(`${name} field ${raw.no}`);
    }
    if (typeof field.type === "object" && "mapOf" in field.type) {
      const entry = readFields(raw.bytes!);
      const key = entry.find((x) => x.no === 1)?.bytes?.toString("utf8") ?? "";
      const valueRaw = entry.find((x) => x.no === 2);
      const value = valueRaw ? scalar({ name: field.name, type: field.type.mapOf }, valueRaw) : "";
      out[field.name] = { ...((out[field.name] as object) ?? {}), [key]: value };
      continue;
    }
    const value = scalar(field, raw);
    if (field.repeated) out[field.name] = [...((out[field.name] as unknown[]) ?? []), value];
    else out[field.name] = value;
  }
  for (const field of Object.values(spec)) {
    if (!field.ptr && isZero(out[field.name]) && !(field.name === "resources" || field.name === "strategy")) delete out[field.name];
  }
  return out;
}

/** Decodes a kubectl protobuf body into a JSON-shaped Kubernetes object. */
export function decodeKubeProtobuf(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || body.subarray(0, 4).toString("latin1") !== "k8s\0") throw unsupported("missing k8s magic");
  const envelope = readFields(body.subarray(4));
  const typeMeta = decodeMessage("TypeMeta", envelope.find((x) => x.no === 1)?.bytes ?? Buffer.alloc(0));
  const raw = envelope.find((x) => x.no === 2)?.bytes ?? Buffer.alloc(0);
  const root = ROOT_MESSAGES[`${typeMeta.apiVersion}/${typeMeta.kind}`];
  if (!root) throw unsupported(`kind ${String(typeMeta.apiVersion)}/${String(typeMeta.kind)}`);
  const obj = decodeMessage(root, raw);
  delete obj.status;
  return { apiVersion: typeMeta.apiVersion, kind: typeMeta.kind, ...obj, metadata: obj.metadata ?? {} };
}
