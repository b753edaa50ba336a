export enum ModelVersionOp {
    PRETRAIN = "PRETRAIN",
    FINETUNE = "FINETUNE",
    DISTILL = "DISTILL",
    MERGE = "MERGE",
    QUANTIZE = "QUANTIZE",
}
