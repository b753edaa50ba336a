export enum DerivationOp {
    FILTER = "FILTER",
    DEDUP = "DEDUP",
    LABEL = "LABEL",
    MERGE = "MERGE",
    AUGMENT = "AUGMENT",
    SYNTHETIC = "SYNTHETIC",
}
