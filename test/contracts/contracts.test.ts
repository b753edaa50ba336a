import type { Address, Hex } from 'viem'
import { stringToHex } from 'viem'
import type { Anvil } from '../../src/demo/anvil'
import { deployAll, type Deployment } from '../../src/demo/deploy'
import { merkleTree, rewardLeaf } from '../../src/demo/merkle'
import type { TxBatch } from '../../src/demo/txbatch'
import { testChain } from '../helpers/chain'

/**
 * The demo contracts enforce the rules of the spec (they must refuse what the indexer would call
 * malformed) and move money exactly. Each expected number below is worked out by hand in its comment.
 */

const E18 = 10n ** 18n
const MAX = 2n ** 256n - 1n
let anvil: Anvil
let chain: TxBatch
let a: Address[]
let d: Deployment
let ts: number
const b32 = (s: string) => stringToHex(s, { size: 32 })

async function mine() {
  ts += 60
  await chain.mine(ts)
}
async function send(
  from: Address,
  to: Address,
  name: Parameters<TxBatch['call']>[2],
  fn: string,
  args: unknown[] = [],
) {
  await chain.call(from, to, name, fn, args)
  await mine()
}
async function expectRevert(p: Promise<unknown>, error: RegExp) {
  await expect(p).rejects.toThrow(error)
}
const bal = (token: Address, who: Address) => chain.read<bigint>(token, 'Stablecoin', 'balanceOf', [who])

beforeAll(async () => {
  const t = await testChain()
  anvil = t.anvil
  chain = t.chain
  a = t.accounts
  ts = chain.timestamp + 60
  d = await deployAll(chain, a[0], a[1], ts)
  for (const x of a.slice(1, 20)) await chain.call(a[0], d.stablecoin, 'Stablecoin', 'mint', [x, 1_000_000n * E18])
  await mine()
})
afterAll(async () => {
  await anvil?.stop()
})

describe('GpuRegistry + ComputeLedger', () => {
  const [gpu, investor, operator] = [1n, 5, 2]
  it('only the admin registers; the investor owns the NFT', async () => {
    await expectRevert(
      send(a[3], d.gpuRegistry, 'GpuRegistry', 'register', [
        gpu,
        a[investor],
        a[operator],
        b32('H100'),
        b32('eu'),
        1000n,
        d.stablecoin,
      ]),
      /OwnableUnauthorizedAccount/,
    )
    await send(a[0], d.gpuRegistry, 'GpuRegistry', 'register', [
      gpu,
      a[investor],
      a[operator],
      b32('H100'),
      b32('eu'),
      1000n,
      d.stablecoin,
    ])
    expect((await chain.read<string>(d.gpuRegistry, 'GpuRegistry', 'ownerOf', [gpu])).toLowerCase()).toBe(a[investor])
    await expectRevert(
      send(a[0], d.gpuRegistry, 'GpuRegistry', 'register', [
        gpu,
        a[investor],
        a[operator],
        b32('H100'),
        b32('eu'),
        1000n,
        d.stablecoin,
      ]),
      /AlreadyRegistered/,
    )
  })

  it('refuses malformed usage: rented > available, available > epoch length, wrong operator, unknown GPU', async () => {
    const L = d.computeLedger
    await expectRevert(
      send(a[operator], L, 'ComputeLedger', 'reportUsage', [gpu, 0n, 0n, 86400, 3600, 3601, 10n, d.stablecoin]),
      /BadUsage/,
    )
    await expectRevert(
      send(a[operator], L, 'ComputeLedger', 'reportUsage', [gpu, 0n, 0n, 3600, 3601, 0, 10n, d.stablecoin]),
      /BadUsage/,
    )
    await expectRevert(
      send(a[3], L, 'ComputeLedger', 'reportUsage', [gpu, 0n, 0n, 86400, 3600, 100, 10n, d.stablecoin]),
      /NotOperator/,
    )
    await expectRevert(
      send(a[operator], L, 'ComputeLedger', 'reportUsage', [99n, 0n, 0n, 86400, 3600, 100, 10n, d.stablecoin]),
      /UnknownGpu/,
    )
  })

  it('pays a corrected epoch: net = gross - 10% operator fee - 5% protocol fee to the current owner; no correction after payout', async () => {
    const L = d.computeLedger
    await send(a[operator], d.stablecoin, 'Stablecoin', 'approve', [L, MAX])
    await send(a[operator], L, 'ComputeLedger', 'reportUsage', [gpu, 0n, 0n, 86400, 86400, 40000, 5000n, d.stablecoin])
    await send(a[operator], L, 'ComputeLedger', 'reportUsage', [gpu, 0n, 0n, 86400, 86400, 30000, 4000n, d.stablecoin]) // correction
    const [owner0, treasury0, op0] = [
      await bal(d.stablecoin, a[investor]),
      await bal(d.stablecoin, a[1]),
      await bal(d.stablecoin, a[operator]),
    ]
    await send(a[operator], L, 'ComputeLedger', 'distribute', [gpu, 0n])
    // gross 4000 (the correction): operator fee 400 stays with the operator, protocol 200, net 3400
    expect((await bal(d.stablecoin, a[investor])) - owner0).toBe(3400n)
    expect((await bal(d.stablecoin, a[1])) - treasury0).toBe(200n)
    expect(op0 - (await bal(d.stablecoin, a[operator]))).toBe(3600n)
    await expectRevert(send(a[operator], L, 'ComputeLedger', 'distribute', [gpu, 0n]), /AlreadyDistributed/)
    await expectRevert(
      send(a[operator], L, 'ComputeLedger', 'reportUsage', [gpu, 0n, 0n, 86400, 86400, 1, 1n, d.stablecoin]),
      /AlreadyDistributed/,
    )
  })

  it('pays the new owner after an NFT transfer', async () => {
    await send(a[investor], d.gpuRegistry, 'GpuRegistry', 'transferFrom', [a[investor], a[6], gpu])
    await send(a[operator], d.computeLedger, 'ComputeLedger', 'reportUsage', [
      gpu,
      1n,
      86400n,
      86400,
      86400,
      100,
      1000n,
      d.stablecoin,
    ])
    const before = await bal(d.stablecoin, a[6])
    await send(a[operator], d.computeLedger, 'ComputeLedger', 'distribute', [gpu, 1n])
    expect((await bal(d.stablecoin, a[6])) - before).toBe(850n) // 1000 - 100 - 50
  })

  it('lets only the admin retire a GPU, and a retired GPU stays retired', async () => {
    await send(a[operator], d.gpuRegistry, 'GpuRegistry', 'setStatus', [gpu, 1])
    await expectRevert(send(a[operator], d.gpuRegistry, 'GpuRegistry', 'setStatus', [gpu, 3]), /NotOperator/)
    await expectRevert(send(a[operator], d.gpuRegistry, 'GpuRegistry', 'setStatus', [gpu, 4]), /BadStatus/)
    await send(a[0], d.gpuRegistry, 'GpuRegistry', 'setStatus', [gpu, 3])
    await expectRevert(send(a[0], d.gpuRegistry, 'GpuRegistry', 'setStatus', [gpu, 0]), /GpuRetired/)
    await expectRevert(send(a[0], d.gpuRegistry, 'GpuRegistry', 'revalue', [gpu, 5n]), /GpuRetired/)
  })
})

describe('GpuVault (ERC-4626)', () => {
  it('mints shares by the ERC-4626 formula and raises the price per share on accrued yield', async () => {
    // our reference vault (the demo's fleet vault is OpenZeppelin's, without accrueYield)
    const V = await chain.deploy(a[0], 'GpuVault', [d.stablecoin, 'Reference vault', 'rVLT'])
    await mine()
    for (const x of [a[7], a[8], a[1]]) await chain.call(x, d.stablecoin, 'Stablecoin', 'approve', [V, MAX])
    await mine()
    await send(a[7], V, 'GpuVault', 'deposit', [1_000_000n, a[7]])
    // empty vault: shares = assets * (0 + 1) / (0 + 1)
    expect(await chain.read<bigint>(V, 'GpuVault', 'balanceOf', [a[7]])).toBe(1_000_000n)
    await send(a[1], V, 'GpuVault', 'accrueYield', [100_000n])
    expect(await chain.read<bigint>(V, 'GpuVault', 'totalAssets', [])).toBe(1_100_000n)
    await send(a[8], V, 'GpuVault', 'deposit', [1_100_000n, a[8]])
    // shares = 1_100_000 * (1_000_000 + 1) / (1_100_000 + 1) = 1_000_000.09.. -> 1_000_000 (rounded down)
    expect(await chain.read<bigint>(V, 'GpuVault', 'balanceOf', [a[8]])).toBe(1_000_000n)
    const before = await bal(d.stablecoin, a[7])
    await send(a[7], V, 'GpuVault', 'redeem', [500_000n, a[7], a[7]])
    // assets = 500_000 * (2_200_000 + 1) / (2_000_000 + 1) = 549_999.97.. -> 549_999
    expect((await bal(d.stablecoin, a[7])) - before).toBe(549_999n)
    await expectRevert(send(a[1], V, 'GpuVault', 'accrueYield', [0n]), /ZeroYield/)
  })
})

describe('ModelTokenFactory + ModelToken + InferenceRouter', () => {
  let token: Address
  const [creator, A, B, caller] = [10, 11, 12, 13]
  it('fills an oversubscribed offering pro rata and refunds the excess', async () => {
    const F = d.modelTokenFactory
    const start = BigInt(ts + 10_000)
    const end = start + 3600n
    await send(a[creator], F, 'ModelTokenFactory', 'createModel', [
      { name: 'M', symbol: 'M', totalSupply: 1000n * E18, claimableBps: 6000, revenueAsset: d.stablecoin },
      { tokensForSale: 400n * E18, target: 100n, raiseAsset: d.stablecoin, startTime: start, endTime: end },
    ])
    token = (await chain.read<string>(F, 'ModelTokenFactory', 'tokenOf', [1n])).toLowerCase() as Address
    for (const x of [A, B]) await chain.call(a[x], d.stablecoin, 'Stablecoin', 'approve', [F, MAX])
    await mine()
    await expectRevert(send(a[A], F, 'ModelTokenFactory', 'deposit', [1n, 80n]), /NotOpen/) // before start
    ts = Number(start)
    await chain.call(a[A], F, 'ModelTokenFactory', 'deposit', [1n, 80n])
    await chain.call(a[B], F, 'ModelTokenFactory', 'deposit', [1n, 120n])
    await mine()
    await expectRevert(send(a[A], F, 'ModelTokenFactory', 'finalize', [1n]), /NotEnded/)
    ts = Number(end)
    const creator0 = await bal(d.stablecoin, a[creator])
    await send(a[A], F, 'ModelTokenFactory', 'finalize', [1n])
    expect((await bal(d.stablecoin, a[creator])) - creator0).toBe(100n) // min(raised 200, target 100)
    const a0 = await bal(d.stablecoin, a[A])
    await send(a[A], F, 'ModelTokenFactory', 'claim', [1n])
    await send(a[B], F, 'ModelTokenFactory', 'claim', [1n])
    // tokens = 400 * deposit / 200; A pays ceil(80 * 100 / 200) = 40 and gets 40 back; B pays 60, gets 60 back
    expect(await chain.read<bigint>(token, 'ModelToken', 'balanceOf', [a[A]])).toBe(160n * E18)
    expect(await chain.read<bigint>(token, 'ModelToken', 'balanceOf', [a[B]])).toBe(240n * E18)
    expect((await bal(d.stablecoin, a[A])) - a0).toBe(40n)
    await expectRevert(send(a[A], F, 'ModelTokenFactory', 'claim', [1n]), /NothingToClaim/)
    expect(await chain.read<bigint>(token, 'ModelToken', 'balanceOf', [a[creator]])).toBe(600n * E18)
  })

  it('refunds everything when an offering misses its target', async () => {
    const F = d.modelTokenFactory
    await send(a[creator], F, 'ModelTokenFactory', 'createModel', [
      { name: 'N', symbol: 'N', totalSupply: 100n * E18, claimableBps: 5000, revenueAsset: d.stablecoin },
      {
        tokensForSale: 50n * E18,
        target: 500n,
        raiseAsset: d.stablecoin,
        startTime: BigInt(ts),
        endTime: BigInt(ts + 600),
      },
    ])
    await send(a[A], F, 'ModelTokenFactory', 'deposit', [2n, 100n])
    ts += 600
    await send(a[A], F, 'ModelTokenFactory', 'finalize', [2n])
    const a0 = await bal(d.stablecoin, a[A])
    await send(a[A], F, 'ModelTokenFactory', 'claim', [2n])
    expect((await bal(d.stablecoin, a[A])) - a0).toBe(100n)
    const token2 = (await chain.read<string>(F, 'ModelTokenFactory', 'tokenOf', [2n])) as Address
    expect(await chain.read<bigint>(token2, 'ModelToken', 'balanceOf', [a[creator]])).toBe(100n * E18) // unsold tokens back
  })

  it('forwards inference fees as revenue; snapshot entitlements follow the balance at the snapshot', async () => {
    const R = d.inferenceRouter
    await send(a[0], R, 'InferenceRouter', 'setProvider', [a[14], true])
    await send(a[caller], d.stablecoin, 'Stablecoin', 'approve', [R, MAX])
    await send(a[caller], R, 'InferenceRouter', 'request', [1n, 1000n])
    expect(await chain.read<bigint>(token, 'ModelToken', 'pendingRevenue', [])).toBe(1000n)
    await expectRevert(send(a[caller], R, 'InferenceRouter', 'fulfill', [1n, b32('out')]), /NotProvider/)
    await send(a[14], R, 'InferenceRouter', 'fulfill', [1n, b32('out')])
    await expectRevert(send(a[14], R, 'InferenceRouter', 'fulfill', [1n, b32('out')]), /AlreadyFulfilled/)
    await expectRevert(send(a[A], token, 'ModelToken', 'snapshot'), /NotCreator/)
    await send(a[creator], token, 'ModelToken', 'snapshot')
    // claimable = 1000 * 6000 / 10000 = 600; A moves 60 tokens after the snapshot, which must not matter
    await send(a[A], token, 'ModelToken', 'transfer', [a[B], 60n * E18])
    expect(await chain.read<bigint>(token, 'ModelToken', 'entitlement', [a[A], 1n])).toBe(96n) // 160 * 600 / 1000
    expect(await chain.read<bigint>(token, 'ModelToken', 'entitlement', [a[B], 1n])).toBe(144n) // 240 * 600 / 1000
    const a0 = await bal(d.stablecoin, a[A])
    await send(a[A], token, 'ModelToken', 'claim', [1n])
    expect((await bal(d.stablecoin, a[A])) - a0).toBe(96n)
    await expectRevert(send(a[A], token, 'ModelToken', 'claim', [1n]), /AlreadyClaimed/)
    // burn pool = 1000 - 600 = 400; burning 100 of 1000 tokens pays 40
    const b0 = await bal(d.stablecoin, a[B])
    await send(a[B], token, 'ModelToken', 'burnRedeem', [100n * E18])
    expect((await bal(d.stablecoin, a[B])) - b0).toBe(40n)
    expect(await chain.read<bigint>(token, 'ModelToken', 'totalSupply', [])).toBe(900n * E18)
  })
})

describe('DataRegistry', () => {
  const D = () => d.dataRegistry
  const owner = 15
  const v = (n: number) => b32(`v${n}`)
  it('keeps derivations a DAG and caps inherited credit at 100%', async () => {
    await send(a[owner], D(), 'DataRegistry', 'registerDataset', [b32('ds'), b32('MIT'), 'ipfs://x'])
    for (let i = 1; i <= 3; i++)
      await chain.call(a[owner], D(), 'DataRegistry', 'publishVersion', [
        v(i),
        b32('ds'),
        i,
        b32(`root${i}`),
        10n,
        100n,
      ])
    await mine()
    await expectRevert(
      send(a[owner], D(), 'DataRegistry', 'publishVersion', [v(9), b32('ds'), 2, b32('r'), 1n, 1n]),
      /VersionNotIncreasing/,
    )
    await send(a[owner], D(), 'DataRegistry', 'derive', [v(2), v(1), 1, 6000])
    await send(a[owner], D(), 'DataRegistry', 'derive', [v(3), v(2), 0, 5000])
    await expectRevert(send(a[owner], D(), 'DataRegistry', 'derive', [v(1), v(3), 0, 100]), /Cycle/) // v1 <- v3 <- v2 <- v1
    await expectRevert(send(a[owner], D(), 'DataRegistry', 'derive', [v(2), v(2), 0, 100]), /SelfDerivation/)
    await expectRevert(send(a[owner], D(), 'DataRegistry', 'derive', [v(2), v(1), 0, 100]), /DuplicateEdge/)
    await expectRevert(send(a[owner], D(), 'DataRegistry', 'derive', [v(3), v(1), 3, 5001]), /InheritOverflow/) // 5000 + 5001
    await send(a[owner], D(), 'DataRegistry', 'derive', [v(3), v(1), 3, 5000]) // exactly 10000 is allowed
    await expectRevert(send(a[16], D(), 'DataRegistry', 'derive', [v(3), v(2), 0, 1]), /NotOwner/)
  })

  it('records contributions and revokes each at most once', async () => {
    await send(a[owner], D(), 'DataRegistry', 'recordContribution', [v(1), a[16], 0, b32('items'), 10, 9000])
    await expectRevert(
      send(a[owner], D(), 'DataRegistry', 'recordContribution', [v(1), a[16], 0, b32('items'), 10, 10001]),
      /BadBps/,
    )
    await expectRevert(
      send(a[owner], D(), 'DataRegistry', 'recordContribution', [b32('nope'), a[16], 0, b32('items'), 10, 1]),
      /UnknownVersion/,
    )
    await send(a[owner], D(), 'DataRegistry', 'revokeContribution', [1n, 0])
    await expectRevert(send(a[owner], D(), 'DataRegistry', 'revokeContribution', [1n, 0]), /AlreadyRevoked/)
  })
})

describe('ProvenanceRegistry', () => {
  const P = () => d.provenanceRegistry
  it('requires equal-length run arrays and known parents', async () => {
    await send(a[17], P(), 'ProvenanceRegistry', 'publishModelVersion', [
      b32('base'),
      1n,
      b32(''),
      0,
      b32('w'),
      'ipfs://w',
    ])
    await expectRevert(
      send(a[17], P(), 'ProvenanceRegistry', 'publishModelVersion', [b32('ft'), 1n, b32('ghost'), 1, b32('w'), 'u']),
      /UnknownVersion/,
    )
    await expectRevert(
      send(a[17], P(), 'ProvenanceRegistry', 'attestTrainingRun', [
        b32('run'),
        b32('base'),
        [b32('v1'), b32('v2')],
        [5000],
        [1n],
        1n,
        2n,
        b32('c'),
      ]),
      /LengthMismatch/,
    )
    // unknown dataset versions and GPUs are allowed: they may live on another chain
    await send(a[17], P(), 'ProvenanceRegistry', 'attestTrainingRun', [
      b32('run'),
      b32('base'),
      [b32('elsewhere')],
      [10000],
      [424242n],
      1n,
      2n,
      b32('c'),
    ])
  })

  it('pays rewards against the Merkle root exactly once per contributor', async () => {
    const amounts: [Address, bigint][] = [
      [a[18], 70n],
      [a[19], 30n],
      [a[16], 5n],
    ]
    const tree = merkleTree(amounts.map(([who, amt]) => rewardLeaf(1n, who, amt)))
    await send(a[17], d.stablecoin, 'Stablecoin', 'approve', [P(), MAX])
    await send(a[17], P(), 'ProvenanceRegistry', 'allocateRewards', [1n, b32('base'), d.stablecoin, 105n, tree.root])
    await expectRevert(send(a[18], P(), 'ProvenanceRegistry', 'claimReward', [1n, 71n, tree.proof(0)]), /BadProof/)
    const before = await bal(d.stablecoin, a[18])
    await send(a[18], P(), 'ProvenanceRegistry', 'claimReward', [1n, 70n, tree.proof(0)])
    expect((await bal(d.stablecoin, a[18])) - before).toBe(70n)
    await expectRevert(
      send(a[18], P(), 'ProvenanceRegistry', 'claimReward', [1n, 70n, tree.proof(0)]),
      /AlreadyClaimed/,
    )
    await send(a[16], P(), 'ProvenanceRegistry', 'claimReward', [1n, 5n, tree.proof(2) as Hex[]])
  })
})
