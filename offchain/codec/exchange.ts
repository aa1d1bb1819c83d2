/**
 * Codecs of the exchange's datum and redeemers (lib/jetpack/types.ak: OrderDatum,
 * ExchangeSpend, ExchangeMint, FillBatch). The decoder checks every field as the Open
 * rule does: an order without its token, or with a datum that would not have opened, is
 * never read as one (offchain/exchange/book.ts).
 */
import { Constr, credentialToAddress, Data, type Credential, type Network } from "@lucid-evolution/lucid";
import { addressToData } from "../tx/governance/common.js";
import { constr, DatumError, int, keyHash, outRefToData, parse } from "./data.js";

export type Side = "sell" | "buy";

export interface OrderDatum {
  owner: string; // key hash: the only one who cancels
  payTo: string; // bech32 address every fill pays
  side: Side; // sell: offers Jet for ADA; buy: offers ADA for Jet
  priceNum: bigint; // price = priceNum / priceDen lovelace per Pack (= ADA per Jet)
  priceDen: bigint;
  minFillPack: bigint; // the least Jet a fill trades, unless it takes what remains
  depositLovelace: bigint; // kept for the ledger's minimum, returned when the order closes
  expiryMs: bigint | null; // POSIX ms after which anyone returns it to the maker
}

export function orderToData(o: OrderDatum): Data {
  return new Constr(0, [
    o.owner,
    addressToData(o.payTo),
    new Constr(o.side === "sell" ? 0 : 1, []),
    o.priceNum,
    o.priceDen,
    o.minFillPack,
    o.depositLovelace,
    o.expiryMs === null ? new Constr(1, []) : new Constr(0, [o.expiryMs]),
  ]);
}

export const encodeOrder = (o: OrderDatum) => Data.to(orderToData(o));

function credential(d: unknown, what: string): Credential {
  const c = d instanceof Constr ? d : null;
  if (!c || (c.index !== 0 && c.index !== 1) || c.fields.length !== 1) throw new DatumError(`${what}: expected a credential`);
  return { type: c.index === 0 ? "Key" : "Script", hash: keyHash(c.fields[0], what) };
}

/** An Address as Plutus Data → bech32 (inline stake credentials only, as the SDK writes). */
export function addressFromData(d: unknown, network: Network, what: string): string {
  const f = constr(d, what, 0, 2);
  const payment = credential(f[0], `${what}.payment`);
  const s = f[1];
  if (s instanceof Constr && s.index === 1 && s.fields.length === 0) return credentialToAddress(network, payment);
  const inner = constr(constr(s, `${what}.stake`, 0, 1)[0], `${what}.stake`, 0, 1)[0];
  return credentialToAddress(network, payment, credential(inner, `${what}.stake`));
}

export function decodeOrder(cbor: string, network: Network): OrderDatum {
  const w = "order datum";
  const f = constr(parse(cbor, w), w, 0, 8);
  const side = f[2];
  if (!(side instanceof Constr) || side.fields.length !== 0 || (side.index !== 0 && side.index !== 1)) throw new DatumError(`${w}.side: expected Sell or Buy`);
  const exp = f[7];
  let expiryMs: bigint | null;
  if (exp instanceof Constr && exp.index === 1 && exp.fields.length === 0) expiryMs = null;
  else expiryMs = int(constr(exp, `${w}.expiry`, 0, 1)[0], `${w}.expiry`);
  const o: OrderDatum = {
    owner: keyHash(f[0], `${w}.owner`),
    payTo: addressFromData(f[1], network, `${w}.payTo`),
    side: side.index === 0 ? "sell" : "buy",
    priceNum: int(f[3], `${w}.priceNum`),
    priceDen: int(f[4], `${w}.priceDen`),
    minFillPack: int(f[5], `${w}.minFill`),
    depositLovelace: int(f[6], `${w}.deposit`),
    expiryMs,
  };
  if (o.priceNum <= 0n || o.priceDen <= 0n) throw new DatumError(`${w}: the price must be positive`);
  if (o.minFillPack <= 0n) throw new DatumError(`${w}: the minimum fill must be positive`);
  if (o.depositLovelace < 0n || (expiryMs !== null && expiryMs < 0n)) throw new DatumError(`${w}: negative deposit or expiry`);
  return o;
}

/** Spend redeemers (types.ExchangeSpend). */
export const exchangeSpend = {
  fill: () => Data.to(new Constr(0, [])),
  cancel: () => Data.to(new Constr(1, [])),
  expire: () => Data.to(new Constr(2, [])),
};

/** Mint redeemers (types.ExchangeMint). */
export const exchangeMint = {
  open: (seed: { txHash: string; outputIndex: number }) => Data.to(new Constr(0, [outRefToData(seed.txHash, seed.outputIndex)])),
  burn: () => Data.to(new Constr(1, [])),
};

/** The withdrawal redeemer (types.FillBatch): payment output per order (input order), fee output or -1. */
export const fillBatch = (payments: number[], feeOutput: number) =>
  Data.to(new Constr(0, [payments.map((p) => BigInt(p)), BigInt(feeOutput)]));
