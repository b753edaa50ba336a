export enum VaultEventKind {
    DEPOSIT = "DEPOSIT",
    WITHDRAW = "WITHDRAW",
    YIELD = "YIELD",
    OBSERVED = "OBSERVED",
    SAMPLED = "SAMPLED",
}
