/**
 * Lucid's Blockfrost provider with a faster UTxO conversion.
 *
 * Why: Lucid Evolution 0.4.34 turns Blockfrost's UTxO pages into UTxOs in batches of ten
 * and sleeps 500 ms after every batch (5 s after every hundredth UTxO) to respect
 * Blockfrost's rate limit — even when the batch made no request at all. Only a UTxO holding
 * a reference script costs requests (its type and CBOR). Reading a wallet of 100 plain UTxOs
 * took ≈ 9.5 s of sleep; every CLI command reads several.
 * How: the same conversion, with the scripts fetched once per hash (cached for the process)
 * and the pause kept only for the requests actually made: 500 ms after every 10 script
 * lookups, and none against the local devnet.
 */
import type { Provider, Script, UTxO } from "@lucid-evolution/lucid";

interface BfUtxo {
  tx_hash: string;
  output_index: number;
  address: string;
  amount: { unit: string; quantity: string }[];
  data_hash: string | null;
  inline_datum: string | null;
  reference_script_hash: string | null;
}

export async function makeBlockfrost(url: string, projectId: string): Promise<Provider> {
  const { Blockfrost, applyDoubleCborEncoding, scriptFromNative } = await import("@lucid-evolution/lucid");
  const provider = new Blockfrost(url, projectId);
  const local = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(url);
  const headers = { project_id: projectId };
  const scripts = new Map<string, Promise<Script>>();
  let lookups = 0;
  const get = async (path: string) => {
    if (!local && ++lookups % 10 === 0) await new Promise((r) => setTimeout(r, 500));
    const res = await fetch(`${url}/${path}`, { headers });
    return res.json() as Promise<Record<string, unknown>>;
  };
  const script = (hash: string): Promise<Script> => {
    let s = scripts.get(hash);
    if (!s) {
      s = (async () => {
        const { type } = (await get(`scripts/${hash}`)) as { type: string };
        if (type === "timelock") return scriptFromNative((await get(`scripts/${hash}/json`)).json as Parameters<typeof scriptFromNative>[0]);
        const { cbor } = (await get(`scripts/${hash}/cbor`)) as { cbor: string };
        const kind = ({ plutusV1: "PlutusV1", plutusV2: "PlutusV2", plutusV3: "PlutusV3" } as const)[type as "plutusV1" | "plutusV2" | "plutusV3"];
        if (!kind) throw new Error(`Blockfrost: unknown script type ${JSON.stringify(type)} for ${hash}`);
        return { type: kind, script: applyDoubleCborEncoding(cbor) };
      })();
      s.catch(() => scripts.delete(hash));
      scripts.set(hash, s);
    }
    return s;
  };
  const convert = async (result: BfUtxo[]): Promise<UTxO[]> =>
    Promise.all(
      result.map(async (r) => ({
        txHash: r.tx_hash,
        outputIndex: r.output_index,
        assets: Object.fromEntries(r.amount.map(({ unit, quantity }) => [unit, BigInt(quantity)])),
        address: r.address,
        datumHash: (!r.inline_datum && r.data_hash) || undefined,
        datum: r.inline_datum || undefined,
        scriptRef: r.reference_script_hash ? await script(r.reference_script_hash) : undefined,
      })),
    );
  // The method is private in Lucid's declarations; the three UTxO queries call it.
  (provider as unknown as { blockfrostUtxosToUtxos: typeof convert }).blockfrostUtxosToUtxos = convert;
  return provider;
}
