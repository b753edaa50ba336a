export enum RevocationReason {
    QA_FAIL = "QA_FAIL",
    CONSENT_WITHDRAWN = "CONSENT_WITHDRAWN",
    TAKEDOWN = "TAKEDOWN",
}
