import { type Address, type Hex, stringToHex } from 'viem'
import { label, type SimResult, USD } from './economy'
import { merkleTree, rewardLeaf } from './merkle'
import type { World } from './world'

const zero32 = `0x${'0'.repeat(64)}` as Hex

/**
 * Training data and provenance: three datasets with versions, derivations and contributions on day
 * 0, base models and their runs on day 2, a fine-tune (one run naming a dataset version and a GPU
 * this index has never seen) and a revocation on day 5, a quantized model and contributor rewards
 * on day 7.
 */
export function provenance(w: World) {
  const { chain, rng, at, d, size, creators, contributors, curators, attester } = w
  const { data, prov } = w.c
  // Provenance ids.
  const ids = {
    dsWeb: stringToHex('ds:web-crawl', { size: 32 }),
    dsCode: stringToHex('ds:code', { size: 32 }),
    dsInstr: stringToHex('ds:instructions', { size: 32 }),
    webV1: stringToHex('web-crawl@1', { size: 32 }),
    webV2: stringToHex('web-crawl@2', { size: 32 }),
    codeV1: stringToHex('code@1', { size: 32 }),
    instrV1: stringToHex('instructions@1', { size: 32 }),
    mvBase: stringToHex('llama-garden-8b@base', { size: 32 }),
    mvChat: stringToHex('llama-garden-8b@chat', { size: 32 }),
    mvQuant: stringToHex('llama-garden-8b@chat-q4', { size: 32 }),
    mvOwl: stringToHex('code-owl-1b@base', { size: 32 }),
    unknownVersion: stringToHex('other-chain:corpus@7', { size: 32 }),
  }
  let contributionCount = 0
  let rewards: SimResult['rewards'] = { epochId: 0n, recipients: [], amounts: [], claimed: 0 }
  let revokedContribution = 0
  const contributionsByVersion = new Map<
    Hex,
    { id: number; contributor: Address; items: number; qualityBps: number }[]
  >()

  async function day(day: number) {
    // Data provenance across the first days, then a revocation, rewards and claims.
    if (day === 0) {
      const [c0, c1] = curators
      await data.call(c0, 'registerDataset', [ids.dsWeb, label('CC-BY-4.0'), 'ipfs://bafy-web-crawl'])
      await data.call(c0, 'registerDataset', [ids.dsInstr, label('CC-BY-SA-4.0'), 'ipfs://bafy-instructions'])
      await data.call(c1, 'registerDataset', [ids.dsCode, label('Apache-2.0'), 'ar://code-corpus'])
      await data.call(c0, 'publishVersion', [ids.webV1, ids.dsWeb, 1, rng.bytes32(), 1_200_000n, 48_000_000_000n])
      await data.call(c1, 'publishVersion', [ids.codeV1, ids.dsCode, 1, rng.bytes32(), 300_000n, 9_000_000_000n])
      await chain.mine(at(0, 13))
      await data.call(c0, 'publishVersion', [ids.webV2, ids.dsWeb, 2, rng.bytes32(), 950_000n, 39_000_000_000n])
      await data.call(c0, 'publishVersion', [ids.instrV1, ids.dsInstr, 1, rng.bytes32(), 80_000n, 400_000_000n])
      await chain.mine(at(0, 14))
      await data.call(c0, 'derive', [ids.webV2, ids.webV1, 1, 8000]) // DEDUP
      await data.call(c0, 'derive', [ids.instrV1, ids.webV2, 0, 4000]) // FILTER
      await data.call(c0, 'derive', [ids.instrV1, ids.codeV1, 3, 3000]) // MERGE
      for (const [v, curator] of [
        [ids.webV1, c0],
        [ids.webV2, c0],
        [ids.codeV1, c1],
        [ids.instrV1, c0],
      ] as [Hex, Address][]) {
        const list: { id: number; contributor: Address; items: number; qualityBps: number }[] = []
        for (let k = 0; k < size.contributorsPerVersion; k++) {
          const who = contributors[(contributionCount * 5) % 7] // a few contributors work on several versions
          const itemsRoot = rng.bytes32()
          const items = rng.int(100, 5000)
          const qualityBps = rng.int(5000, 10000)
          await data.call(curator, 'recordContribution', [v, who, k % 4, itemsRoot, items, qualityBps])
          list.push({ id: ++contributionCount, contributor: who, items, qualityBps })
        }
        contributionsByVersion.set(v, list)
      }
      await chain.mine(at(0, 15))
    }
    if (day === 2) {
      await prov.call(creators[0], 'publishModelVersion', [ids.mvBase, 1n, zero32, 0, rng.bytes32(), 'ipfs://lg8-base'])
      await prov.call(creators[2], 'publishModelVersion', [ids.mvOwl, 3n, zero32, 0, rng.bytes32(), 'ipfs://owl-base'])
      await chain.mine(at(2, 14))
      await prov.call(attester, 'attestTrainingRun', [
        rng.bytes32(),
        ids.mvBase,
        [ids.webV2, ids.codeV1],
        [7000, 3000],
        [1n, 2n, 3n],
        BigInt(at(0, 16)),
        BigInt(at(2, 10)),
        rng.bytes32(),
      ])
      await prov.call(attester, 'attestTrainingRun', [
        rng.bytes32(),
        ids.mvOwl,
        [ids.codeV1],
        [10000],
        [4n],
        BigInt(at(1, 0)),
        BigInt(at(2, 12)),
        rng.bytes32(),
      ])
      await chain.mine(at(2, 15))
    }
    if (day === 5) {
      // Fine-tune with two runs; the second names a dataset version and a GPU this index has never seen.
      await prov.call(creators[0], 'publishModelVersion', [
        ids.mvChat,
        1n,
        ids.mvBase,
        1,
        rng.bytes32(),
        'ipfs://lg8-chat',
      ])
      await chain.mine(at(5, 14))
      await prov.call(attester, 'attestTrainingRun', [
        rng.bytes32(),
        ids.mvChat,
        [ids.instrV1],
        [10000],
        [5n],
        BigInt(at(4, 0)),
        BigInt(at(5, 6)),
        rng.bytes32(),
      ])
      await prov.call(attester, 'attestTrainingRun', [
        rng.bytes32(),
        ids.mvChat,
        [ids.instrV1, ids.unknownVersion],
        [6000, 4000],
        [1n, 999n],
        BigInt(at(5, 0)),
        BigInt(at(5, 12)),
        rng.bytes32(),
      ])
      const revoked = contributionsByVersion.get(ids.instrV1)![0]
      revokedContribution = revoked.id
      await data.call(curators[0], 'revokeContribution', [BigInt(revoked.id), 1])
      await chain.mine(at(5, 15))
    }
    if (day === 7) {
      await prov.call(creators[0], 'publishModelVersion', [
        ids.mvQuant,
        1n,
        ids.mvChat,
        4,
        rng.bytes32(),
        'ipfs://lg8-chat-q4',
      ])
      // Rewards for the base model's contributors, claimed by the first two an hour later (within the day: a
      // later timestamp here would push the next day's blocks).
      const recipients = [...new Set(contributionsByVersion.get(ids.webV2)!.map((c) => c.contributor))]
      const amounts = recipients.map((_, i) => BigInt(100 + 25 * i) * USD)
      const epochId = 1n
      const tree = merkleTree(recipients.map((r, i) => rewardLeaf(epochId, r, amounts[i])))
      const total = amounts.reduce((a, b) => a + b, 0n)
      await prov.call(attester, 'allocateRewards', [epochId, ids.mvBase, d.stablecoin, total, tree.root])
      await chain.mine(at(7, 16))
      rewards = { epochId, recipients, amounts, claimed: Math.min(2, recipients.length) }
      for (let i = 0; i < Math.min(2, recipients.length); i++) {
        await prov.call(recipients[i], 'claimReward', [epochId, amounts[i], tree.proof(i)])
      }
      await chain.mine(at(7, 17))
    }
  }
  const contributions = (): SimResult['contributions'] =>
    [...contributionsByVersion.entries()].flatMap(([version, list]) =>
      list.map((c) => ({ ...c, version, revoked: c.id === revokedContribution })),
    )
  return { ids, day, contributions, rewards: () => rewards }
}
