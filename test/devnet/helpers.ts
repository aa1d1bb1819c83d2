/**
 * Tiny PlutusV3 scripts and Lucid helpers for the devnet tests. The scripts are written in
 * UPLC text (a script is a function of the ScriptContext Data that must return unit) and
 * encoded with @harmoniclabs/uplc: the devnet needs scripts that always pass, always fail,
 * or read the validity range, not protocol code.
 */
import { UPLCEncoder, UPLCProgram, UPLCVersion, parseUPLCText } from "@harmoniclabs/uplc";
import { Blockfrost, CML, type EvalRedeemer, type Script, type UTxO } from "@lucid-evolution/lucid";
import { cborBytes } from "../../offchain/onchain/cbor.js";

function v3(uplc: string): Script {
  const flat = UPLCEncoder.compile(new UPLCProgram(new UPLCVersion(1, 1, 0), parseUPLCText(uplc))).toBuffer().buffer;
  return { type: "PlutusV3", script: Buffer.from(cborBytes(flat)).toString("hex") };
}

/** Succeeds for every purpose. */
export const alwaysSucceeds = (): Script => v3("(lam ctx (con unit ()))");

/** Fails for every purpose. */
export const alwaysFails = (): Script => v3("(lam ctx (error))");

const fields = (d: string) => `[(force (force (builtin sndPair))) [(builtin unConstrData) ${d}]]`;
const head = (l: string) => `[(force (builtin headList)) ${l}]`;
const tail = (l: string) => `[(force (builtin tailList)) ${l}]`;
const nth = (l: string, i: number): string => head(Array.from({ length: i }).reduce<string>((acc) => tail(acc), l));
const ifThen = (cond: string, then: string) => `(force [[[(force (builtin ifThenElse)) ${cond}] (delay ${then})] (delay (error))])`;

/** Succeeds iff the transaction's validity range has a finite lower bound ≥ `notBeforeMs` (POSIX ms). */
export const timeGate = (notBeforeMs: bigint): Script => {
  // ScriptContext = Constr 0 [TxInfo, redeemer, info]; TxInfo field 7 = the range
  // Constr 0 [lower, upper]; a bound = Constr 0 [extended, inclusive]; Finite = Constr 1 [I ms].
  const range = nth(fields(head(fields("ctx"))), 7);
  const extended = head(fields(head(fields(range))));
  const isFinite = `[[(builtin equalsInteger) (con integer 1)] [(force (force (builtin fstPair))) [(builtin unConstrData) ext]]]`;
  const ms = `[(builtin unIData) ${head(fields("ext"))}]`;
  const late = `[[(builtin lessThanEqualsInteger) (con integer ${notBeforeMs})] ${ms}]`;
  return v3(`(lam ctx [(lam ext ${ifThen(isFinite, ifThen(late, "(con unit ())"))}) ${extended}])`);
};

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
