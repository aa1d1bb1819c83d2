/**
 * The registry of validators the build compiles into plutus.json, with their CIP-57
 * schemas (parameters, datum, redeemer). `make()` builds the term in the current trace
 * mode (lib/trace.ts), so the build sets the mode first.
 */
import type { Term } from "@harmoniclabs/plu-ts";
import { makeEmissionValidator } from "./emission.js";
import { makeConfigValidator } from "./config.js";
import { makePoolValidator } from "./pool.js";
import { makeLockValidator } from "./lock.js";

export type Schema = Record<string, unknown>;

export interface ValidatorEntry {
  name: "emission" | "config" | "pool" | "lock";
  purposes: ("mint" | "spend")[];
  params: { name: string; schema: Schema }[];
  datum?: Schema;
  redeemer: Schema;
  make: () => Term<any>;
}

const int = (title: string, description?: string): Schema => ({ title, dataType: "integer", ...(description ? { description } : {}) });
const bytes = (title: string, description?: string): Schema => ({ title, dataType: "bytes", ...(description ? { description } : {}) });
const listOf = (title: string, items: Schema, description?: string): Schema => ({ title, dataType: "list", items, ...(description ? { description } : {}) });
const constr = (title: string, index: number, fields: Schema[], description?: string): Schema => ({
  title,
  dataType: "constructor",
  index,
  fields,
  ...(description ? { description } : {}),
});
const oneOf = (title: string, anyOf: Schema[]): Schema => ({ title, anyOf });

export const schemas = {
  OutputReference: constr("OutputReference", 0, [bytes("transaction_id"), int("output_index")]),
  StateDatum: oneOf("StateDatum", [
    constr("StateDatum", 0, [
      int("epoch", "last epoch advanced, 0 at genesis"),
      int("scheduled", "Pack: sum of emission(1..epoch)"),
      int("minted", "Pack: Jet minted and not burned"),
    ]),
  ]),
  ConfigDatum: oneOf("ConfigDatum", [
    constr("ConfigDatum", 0, [
      listOf("weightsBps", int("bps"), "basis points of M1, M2, M3; sum 10000"),
      listOf("levelCapsPack", int("Pack"), "Pack per epoch for levels 1..9"),
      listOf("operators", bytes("VerificationKeyHash")),
      listOf("governors", bytes("VerificationKeyHash"), "strictly ascending"),
      int("quorum"),
      int("claimWindowMs", "ms after the epoch start"),
      oneOf("rewardAttestor", [constr("Some", 0, [bytes("VerificationKeyHash")]), constr("None", 1, [])]),
      bytes("poolScript", "script hash, immutable"),
      bytes("lockScript", "script hash, immutable"),
    ]),
  ]),
  PoolDatum: oneOf("PoolDatum", [
    constr("PoolDatum", 0, [
      int("epoch"),
      int("shard"),
      bytes("root", "Merkle root, 32 bytes"),
      bytes("bitmap", "claimed bits, LSB first"),
      int("expiry", "POSIX ms"),
      bytes("fileHash", "blake2b-256 of the allocation file"),
    ]),
  ]),
  LockDatum: oneOf("LockDatum", [constr("LockDatum", 0, [bytes("owner", "service key hash")])]),
  EmissionRedeemer: oneOf("EmissionRedeemer", [constr("Genesis", 0, []), constr("Advance", 1, []), constr("Sweep", 2, [])]),
  PoolRedeemer: oneOf("PoolRedeemer", [
    constr("Claim", 0, [int("index"), bytes("owner"), int("level"), int("amount", "Pack"), listOf("proof", bytes("hash"))]),
    constr("PoolSweep", 1, []),
  ]),
  LockRedeemer: oneOf("LockRedeemer", [constr("Reward", 0, [])]),
  ConfigRedeemer: oneOf("ConfigRedeemer", [constr("Update", 0, [])]),
};

export const validators: ValidatorEntry[] = [
  {
    name: "emission",
    purposes: ["mint", "spend"],
    params: [
      { name: "seed", schema: schemas.OutputReference },
      { name: "genesisTimeMs", schema: int("genesisTimeMs", "POSIX ms, start of epoch 1") },
      { name: "configScript", schema: bytes("configScript", "config validator hash") },
    ],
    datum: schemas.StateDatum,
    redeemer: schemas.EmissionRedeemer,
    make: makeEmissionValidator,
  },
  { name: "config", purposes: ["spend"], params: [], datum: schemas.ConfigDatum, redeemer: schemas.ConfigRedeemer, make: makeConfigValidator },
  {
    name: "pool",
    purposes: ["spend"],
    params: [{ name: "jetPolicy", schema: bytes("jetPolicy") }],
    datum: schemas.PoolDatum,
    redeemer: schemas.PoolRedeemer,
    make: makePoolValidator,
  },
  {
    name: "lock",
    purposes: ["spend"],
    params: [{ name: "jetPolicy", schema: bytes("jetPolicy") }],
    datum: schemas.LockDatum,
    redeemer: schemas.LockRedeemer,
    make: makeLockValidator,
  },
];
