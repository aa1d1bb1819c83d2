/**
 * Old → new values of a config update, field by field, for the people who sign it.
 *
 * Why: a governor who is told only "quorum, claimWindowMs changed" signs blind; they must see
 * `quorum: 2 → 3`. config-update (before it writes the file) and tx-show / tx-sign (from the
 * transaction itself) print the same lines, so what the author saw is what the signers see.
 */
import type { ConfigDatum } from "../codec/data.js";
import { formatJet } from "../economics/emission.js";

export const CONFIG_FIELDS = ["weightsBps", "levelCapsPack", "operators", "governors", "quorum", "claimWindowMs", "rewardAttestor", "poolScript", "lockScript"] as const;
export type ConfigField = (typeof CONFIG_FIELDS)[number];

export type ConfigFieldJson = string | string[] | null;

/** A field's JSON form (bigints as decimal strings, keys as hex). */
export function configFieldJson(c: ConfigDatum, f: ConfigField): ConfigFieldJson {
  const v = c[f];
  if (v === null) return null;
  if (Array.isArray(v)) return v.map(String);
  return String(v);
}

/** 30000000000 Pack → "30,000"; 1 Pack → "0.000001". */
function jetShort(pack: bigint): string {
  const [w, f] = formatJet(pack).split(".");
  const frac = f!.replace(/0+$/, "");
  return w!.replace(/\B(?=(\d{3})+$)/g, ",") + (frac ? `.${frac}` : "");
}

function hours(ms: bigint): string {
  const h = Number(ms) / 3_600_000;
  return `${Number.isInteger(h) ? h : h.toFixed(2)} h`;
}

/** A field as a short human value: `5000/3000/2000`, `30,000/…/1,000 Jet`, `259200000 ms (72 h)`. */
export function configFieldText(c: ConfigDatum, f: ConfigField): string {
  switch (f) {
    case "weightsBps":
      return c.weightsBps.join("/");
    case "levelCapsPack":
      return `${c.levelCapsPack.map(jetShort).join("/")} Jet`;
    case "operators":
    case "governors":
      return c[f].length === 0 ? "(none)" : c[f].join(", ");
    case "quorum":
      return c.quorum.toString();
    case "claimWindowMs":
      return `${c.claimWindowMs} ms (${hours(c.claimWindowMs)})`;
    case "rewardAttestor":
      return c.rewardAttestor ?? "none";
    default:
      return c[f];
  }
}

export interface ConfigChange {
  field: ConfigField;
  before: ConfigFieldJson;
  after: ConfigFieldJson;
  /** `weightsBps: 5000/3000/2000 → 4000/4000/2000` */
  text: string;
}

/** Every field whose value differs, in the datum's field order. */
export function configChanges(before: ConfigDatum, after: ConfigDatum): ConfigChange[] {
  const out: ConfigChange[] = [];
  for (const f of CONFIG_FIELDS) {
    const b = configFieldJson(before, f);
    const a = configFieldJson(after, f);
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    let text = `${f}: ${configFieldText(before, f)} → ${configFieldText(after, f)}`;
    if (f === "operators" || f === "governors") {
      const added = after[f].filter((k) => !before[f].includes(k));
      const removed = before[f].filter((k) => !after[f].includes(k));
      const parts = [added.length ? `added ${added.join(", ")}` : "", removed.length ? `removed ${removed.join(", ")}` : ""].filter(Boolean);
      text += parts.length ? ` (${parts.join("; ")})` : " (same keys, new order)";
    }
    if (f === "poolScript" || f === "lockScript") text += " (IMMUTABLE FIELD CHANGED: the config validator must refuse this)";
    out.push({ field: f, before: b, after: a, text });
  }
  return out;
}

export function configChangesJson(changes: readonly ConfigChange[]) {
  return changes.map((c) => ({ field: c.field, before: c.before, after: c.after }));
}
