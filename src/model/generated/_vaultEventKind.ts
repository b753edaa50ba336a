export enum VaultEventKind {
    DEPOSIT = "DEPOSIT",
    WITHDRAW = "WITHDRAW",
    YIELD = "YIELD",
}
