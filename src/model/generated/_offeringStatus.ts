export enum OfferingStatus {
    OPEN = "OPEN",
    SUCCEEDED = "SUCCEEDED",
    FAILED = "FAILED",
}
