/**
 * Tiny PlutusV3 scripts and Lucid helpers for the devnet tests.
 */
import {
  compile,
  perror,
  pfn,
  pif,
  pInt,
  pmakeUnit,
  pmatch,
  PScriptContext,
  Script as PlutsScript,
  ScriptType,
  unit,
} from "@harmoniclabs/plu-ts";
import { Blockfrost, CML, type EvalRedeemer, type Script, type UTxO } from "@lucid-evolution/lucid";

function v3(term: Parameters<typeof compile>[0]): Script {
  return { type: "PlutusV3", script: new PlutsScript(ScriptType.PlutusV3, compile(term)).cbor.toString() };
}

/** Succeeds for every purpose. */
export const alwaysSucceeds = (): Script => v3(pfn([PScriptContext.type], unit)((_ctx) => pmakeUnit()));

/** Fails for every purpose. */
export const alwaysFails = (): Script => v3(pfn([PScriptContext.type], unit)((_ctx) => perror(unit)));

/** Succeeds iff the transaction's validity range has a finite lower bound ≥ `notBeforeMs` (POSIX ms). */
export const timeGate = (notBeforeMs: bigint): Script =>
  v3(
    pfn([PScriptContext.type], unit)((ctx) =>
      pmatch(ctx.tx.interval.from.bound)
        .onPFinite(({ n }) => pif(unit).$(pInt(notBeforeMs).ltEq(n)).then(pmakeUnit()).else(perror(unit)))
        ._((_) => perror(unit)),
    ),
  );

/**
 * A Blockfrost provider whose `evaluateTx` does not evaluate: it declares fixed ex-units for
 * every redeemer. With it, `complete({ localUPLCEval: false })` builds a transaction without
 * running its scripts anywhere, so only the devnet's submit check can catch a failing one.
 */
export class NoEvalBlockfrost extends Blockfrost {
  constructor(
    url: string,
    projectId: string,
    private readonly units = { mem: 1_000_000, steps: 500_000_000 },
  ) {
    super(url, projectId);
  }
  override async evaluateTx(tx: string, _utxos?: UTxO[]): Promise<EvalRedeemer[]> {
    const rs = CML.Transaction.from_cbor_hex(tx).witness_set().redeemers();
    const flat = rs ? rs.to_flat_format() : undefined;
    const out: EvalRedeemer[] = [];
    for (let i = 0; i < (flat?.len() ?? 0); i++) {
      const r = flat!.get(i);
      const tag = (["spend", "mint", "publish", "withdraw", "vote", "propose"] as const)[r.tag()]!;
      out.push({ redeemer_tag: tag, redeemer_index: Number(r.index()), ex_units: { ...this.units } });
    }
    return out;
  }
}

/**
 * Re-creates a simple signed payment (inputs, outputs, fee, validity bounds; no scripts)
 * with `feeDelta` moved from the fee to output `outIndex` plus `extraLovelace` added to
 * that output, and signs it again with `privateKey`.
 */
export function tamperPayment(
  txCbor: string,
  privateKey: string,
  change: { feeDelta?: bigint; extraLovelace?: bigint; outIndex?: number },
): string {
  const tx = CML.Transaction.from_cbor_hex(txCbor);
  const body = tx.body();
  const feeDelta = change.feeDelta ?? 0n;
  const outs = CML.TransactionOutputList.new();
  for (let i = 0; i < body.outputs().len(); i++) {
    const o = body.outputs().get(i);
    if (i !== (change.outIndex ?? 0)) {
      outs.add(o);
      continue;
    }
    const coin = o.amount().coin() + feeDelta + (change.extraLovelace ?? 0n);
    outs.add(CML.TransactionOutput.new(o.address(), CML.Value.new(coin, o.amount().multi_asset())));
  }
  const nb = CML.TransactionBody.new(body.inputs(), outs, body.fee() - feeDelta);
  const ttl = body.ttl();
  if (ttl !== undefined) nb.set_ttl(ttl);
  const start = body.validity_interval_start();
  if (start !== undefined) nb.set_validity_interval_start(start);
  const ws = CML.TransactionWitnessSet.new();
  const vks = CML.VkeywitnessList.new();
  vks.add(CML.make_vkey_witness(CML.hash_transaction(nb), CML.PrivateKey.from_bech32(privateKey)));
  ws.set_vkeywitnesses(vks);
  return CML.Transaction.new(nb, ws, true).to_cbor_hex();
}

/** POSTs a transaction the way the Blockfrost provider does; returns status and JSON. */
export async function rawSubmit(url: string, projectId: string, txCbor: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/tx/submit`, {
    method: "POST",
    headers: { "content-type": "application/cbor", project_id: projectId },
    body: Buffer.from(txCbor, "hex"),
  });
  return { status: res.status, body: await res.json() };
}

export async function getJson(url: string, projectId: string, path: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${url}/${path}`, { headers: { project_id: projectId } });
  return { status: res.status, body: await res.json() };
}
