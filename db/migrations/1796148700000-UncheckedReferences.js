// Written by hand (not generated): the tables keep no foreign-key constraints. The processor checks
// every reference before it writes (a report of an unknown GPU is rejected, an unknown dataset version
// is kept as an unresolved reference), so Postgres checking them again only cost time: about 14 µs per
// key per row, the largest part of a bulk insert (BENCHMARKS.md, "What a row costs Postgres").
// scripts/generate-migration.mjs leaves them out of later migrations.
const FOREIGN_KEYS = [
    ['burn_redemption', 'FK_a4b2b67741975d9c1a72d8972f8', 'FOREIGN KEY (token_id) REFERENCES model_token(id)'],
    ['burn_redemption', 'FK_db9e8077ee77144e2d736668115', 'FOREIGN KEY (holder_id) REFERENCES account(id)'],
    ['contribution', 'FK_2dbb170adc1fcfdd1061e5efe57', 'FOREIGN KEY (contributor_id) REFERENCES account(id)'],
    ['contribution', 'FK_d39b1a9b5e95f6fcaa99ad73761', 'FOREIGN KEY (version_id) REFERENCES dataset_version(id)'],
    ['dataset', 'FK_02ad393b2e70ea0471e3edb7eb4', 'FOREIGN KEY (owner_id) REFERENCES account(id)'],
    ['dataset_derivation', 'FK_96bd66f6a72eec7d46e88e0a261', 'FOREIGN KEY (parent_id) REFERENCES dataset_version(id)'],
    ['dataset_derivation', 'FK_be839d1058603e5daf97709870c', 'FOREIGN KEY (child_id) REFERENCES dataset_version(id)'],
    ['dataset_version', 'FK_fcb86b61c0cfeec3a428b675f98', 'FOREIGN KEY (dataset_id) REFERENCES dataset(id)'],
    ['entitlement', 'FK_2636052da2e4bb6f39100b66813', 'FOREIGN KEY (token_id) REFERENCES model_token(id)'],
    ['entitlement', 'FK_779b34cf093c0045cfd55d02cb3', 'FOREIGN KEY (snapshot_id) REFERENCES revenue_snapshot(id)'],
    ['entitlement', 'FK_f25866317a219e9f882f3d66f5e', 'FOREIGN KEY (holder_id) REFERENCES account(id)'],
    ['gpu', 'FK_4dba2d86ffcae9e604f757b5841', 'FOREIGN KEY (operator_id) REFERENCES account(id)'],
    ['gpu', 'FK_88c8e78a6f1323212a1bd9539e3', 'FOREIGN KEY (owner_id) REFERENCES account(id)'],
    ['gpu_day', 'FK_73db3b1efad52fd647ca09fe243', 'FOREIGN KEY (gpu_id) REFERENCES gpu(id)'],
    ['gpu_hour', 'FK_3f892201d8a2fd8b405f741c139', 'FOREIGN KEY (gpu_id) REFERENCES gpu(id)'],
    ['gpu_status_change', 'FK_6fa069e0d65b5f2de383781340c', 'FOREIGN KEY (gpu_id) REFERENCES gpu(id)'],
    ['gpu_transfer', 'FK_67111b1e35cfa6fbb7a49d0ba1a', 'FOREIGN KEY (to_id) REFERENCES account(id)'],
    ['gpu_transfer', 'FK_821926619c208a6fca81f884948', 'FOREIGN KEY (gpu_id) REFERENCES gpu(id)'],
    ['gpu_valuation', 'FK_6fc1f58077daa6b70d00592ba8c', 'FOREIGN KEY (gpu_id) REFERENCES gpu(id)'],
    ['holder', 'FK_05fc719d21f364e6293a84f4703', 'FOREIGN KEY (account_id) REFERENCES account(id)'],
    ['holder', 'FK_d63d633122d45b266924534737e', 'FOREIGN KEY (token_id) REFERENCES model_token(id)'],
    ['holder_balance_change', 'FK_65c8bcfa1d81687c32cf5968512', 'FOREIGN KEY (token_id) REFERENCES model_token(id)'],
    ['holder_balance_change', 'FK_c0967a08f8b2e5e07ef9fcb7cd6', 'FOREIGN KEY (holder_id) REFERENCES holder(id)'],
    ['inference_request', 'FK_0dc546e33cf1badf95f4afaabe4', 'FOREIGN KEY (token_id) REFERENCES model_token(id)'],
    ['inference_request', 'FK_f101072937b9b9cd248959f7768', 'FOREIGN KEY (caller_id) REFERENCES account(id)'],
    ['model_token', 'FK_5f1948f2e40dcab2614dfad0951', 'FOREIGN KEY (creator_id) REFERENCES account(id)'],
    ['model_version', 'FK_02de75b86d69e4e84c8e27981e4', 'FOREIGN KEY (parent_id) REFERENCES model_version(id)'],
    ['offering', 'FK_7fc580fe7268b17978ba34a3abd', 'FOREIGN KEY (token_id) REFERENCES model_token(id)'],
    ['offering_claim', 'FK_a38489f5d46b7eed5819b77c322', 'FOREIGN KEY (offering_id) REFERENCES offering(id)'],
    ['offering_claim', 'FK_fd1bfa7fbb3cc9f3f0b8be0025b', 'FOREIGN KEY (investor_id) REFERENCES account(id)'],
    ['offering_deposit', 'FK_1a1ce505885f9c465445205a5d0', 'FOREIGN KEY (offering_id) REFERENCES offering(id)'],
    ['offering_deposit', 'FK_245a00a8f460f367d853c4bccfd', 'FOREIGN KEY (investor_id) REFERENCES account(id)'],
    ['offering_investor', 'FK_a05d4b0f6c7a6f968b7648ac183', 'FOREIGN KEY (offering_id) REFERENCES offering(id)'],
    ['offering_investor', 'FK_d82b2c8c6bcef90659d12ef465a', 'FOREIGN KEY (investor_id) REFERENCES account(id)'],
    ['revenue_claim', 'FK_6ec793f03d6d4d63163f455eadd', 'FOREIGN KEY (snapshot_id) REFERENCES revenue_snapshot(id)'],
    ['revenue_claim', 'FK_f592793479554df0ed677c5d8e2', 'FOREIGN KEY (token_id) REFERENCES model_token(id)'],
    ['revenue_claim', 'FK_f728a2e2ebbb647dbc44a98cc0a', 'FOREIGN KEY (holder_id) REFERENCES account(id)'],
    ['revenue_distribution', 'FK_0c40ffefd62727013d1f4458e6a', 'FOREIGN KEY (beneficiary_id) REFERENCES account(id)'],
    ['revenue_distribution', 'FK_103eef00f6d5e2c0d2bff8a49af', 'FOREIGN KEY (gpu_id) REFERENCES gpu(id)'],
    ['revenue_receipt', 'FK_4b47dcb36f24af801577464b9ca', 'FOREIGN KEY (token_id) REFERENCES model_token(id)'],
    ['revenue_snapshot', 'FK_00900a3ab24803e2282f7c72717', 'FOREIGN KEY (token_id) REFERENCES model_token(id)'],
    ['reward_allocation', 'FK_2d5154845b2a0020b7b7400aa47', 'FOREIGN KEY (model_version_id) REFERENCES model_version(id)'],
    ['reward_claim', 'FK_2290c2a444c7cc62ca466858d37', 'FOREIGN KEY (allocation_id) REFERENCES reward_allocation(id)'],
    ['reward_claim', 'FK_67e3c3ae087c3f51f16eebdb44f', 'FOREIGN KEY (contributor_id) REFERENCES account(id)'],
    ['training_run', 'FK_49a27f3530fa5e21f5b28144470', 'FOREIGN KEY (model_version_id) REFERENCES model_version(id)'],
    ['training_run', 'FK_ea15e540995a1a938f6d9dfb08f', 'FOREIGN KEY (attester_id) REFERENCES account(id)'],
    ['training_run_dataset', 'FK_414227e9447490ce46962302254', 'FOREIGN KEY (dataset_version_id) REFERENCES dataset_version(id)'],
    ['training_run_dataset', 'FK_508dc15d115d5cbab537b4dae1d', 'FOREIGN KEY (run_id) REFERENCES training_run(id)'],
    ['training_run_gpu', 'FK_01daf6b2031a32f275d1161f747', 'FOREIGN KEY (run_id) REFERENCES training_run(id)'],
    ['training_run_gpu', 'FK_48ee0eead5851684b47a9899942', 'FOREIGN KEY (gpu_id) REFERENCES gpu(id)'],
    ['usage_record', 'FK_8c3cf39a97159dcab0fce7fdd5b', 'FOREIGN KEY (gpu_id) REFERENCES gpu(id)'],
    ['usage_report', 'FK_dcc6e0e43189fec697f759bdf0d', 'FOREIGN KEY (record_id) REFERENCES usage_record(id)'],
    ['usage_report', 'FK_e6c4cf6dd534f5fa49e7b252068', 'FOREIGN KEY (gpu_id) REFERENCES gpu(id)'],
    ['vault_day', 'FK_cc31774b5726a67817548af12a3', 'FOREIGN KEY (vault_id) REFERENCES vault(id)'],
    ['vault_flow', 'FK_18d965d66bd49eeefd5ee460d7a', 'FOREIGN KEY (owner_id) REFERENCES account(id)'],
    ['vault_flow', 'FK_3bb3cd6e1141e7253af8a48d544', 'FOREIGN KEY (receiver_id) REFERENCES account(id)'],
    ['vault_flow', 'FK_4501b85621cbb631a493ca5b32f', 'FOREIGN KEY (vault_id) REFERENCES vault(id)'],
    ['vault_flow', 'FK_4bbdc8cb3e3f34185c8e526cca3', 'FOREIGN KEY (sender_id) REFERENCES account(id)'],
    ['vault_position', 'FK_25967ddc421d9c13b3128a12056', 'FOREIGN KEY (vault_id) REFERENCES vault(id)'],
    ['vault_position', 'FK_4ec7e2b36e3cf0a3acdb608649a', 'FOREIGN KEY (account_id) REFERENCES account(id)'],
    ['vault_share_transfer', 'FK_fda6ce1c69a15640a97a86c6ddc', 'FOREIGN KEY (vault_id) REFERENCES vault(id)'],
    ['vault_state', 'FK_4dcfed460907bd7cdf63da9df96', 'FOREIGN KEY (vault_id) REFERENCES vault(id)'],
    ['vault_yield_accrual', 'FK_568959309e35cbbdc34f8f3147d', 'FOREIGN KEY (vault_id) REFERENCES vault(id)'],
]

module.exports = class UncheckedReferences1796148700000 {
    name = 'UncheckedReferences1796148700000'
    // read by src/benchmarks/writeCosts.ts, which measures what they would cost
    static FOREIGN_KEYS = FOREIGN_KEYS

    async up(db) {
        for (const [table, name] of FOREIGN_KEYS) await db.query(`ALTER TABLE "${table}" DROP CONSTRAINT IF EXISTS "${name}"`)
    }

    async down(db) {
        for (const [table, name, definition] of FOREIGN_KEYS)
            await db.query(`ALTER TABLE "${table}" ADD CONSTRAINT "${name}" ${definition} ON DELETE NO ACTION ON UPDATE NO ACTION`)
    }
}
