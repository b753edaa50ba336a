export enum ContributionKind {
    RAW = "RAW",
    LABEL = "LABEL",
    REVIEW = "REVIEW",
    PREFERENCE = "PREFERENCE",
}
