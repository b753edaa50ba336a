export enum TokenStandard {
    DEAI = "DEAI",
    ERC7641 = "ERC7641",
}
