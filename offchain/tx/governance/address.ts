/**
 * Addresses as the ledger's Plutus Data and back (a proposal records where its deposit
 * returns).
 */
import { Constr, credentialToAddress, type Data, type Network } from "@lucid-evolution/lucid";
import { JetpackError } from "../common.js";

function credOf(d: unknown): { type: "Key" | "Script"; hash: string } {
  if (d instanceof Constr && d.fields.length === 1 && (d.index === 0 || d.index === 1) && typeof d.fields[0] === "string")
    return { type: d.index === 0 ? "Key" : "Script", hash: d.fields[0] };
  throw new JetpackError("not a credential");
}

/** The bech32 address of an Address datum (inline stake credentials only). */
export function addressFromData(d: Data, network: Network): string {
  if (!(d instanceof Constr) || d.index !== 0 || d.fields.length !== 2) throw new JetpackError("not an address datum");
  const payment = credOf(d.fields[0]);
  const stake = d.fields[1];
  if (stake instanceof Constr && stake.index === 1) return credentialToAddress(network, payment);
  if (stake instanceof Constr && stake.index === 0 && stake.fields[0] instanceof Constr && stake.fields[0].index === 0)
    return credentialToAddress(network, payment, credOf(stake.fields[0].fields[0]));
  throw new JetpackError("unsupported stake reference in an address datum");
}
