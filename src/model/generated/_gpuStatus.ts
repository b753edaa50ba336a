export enum GpuStatus {
    ACTIVE = "ACTIVE",
    MAINTENANCE = "MAINTENANCE",
    OFFLINE = "OFFLINE",
    RETIRED = "RETIRED",
}
