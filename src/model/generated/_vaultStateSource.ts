export enum VaultStateSource {
    CHAIN = "CHAIN",
    EVENTS = "EVENTS",
}
