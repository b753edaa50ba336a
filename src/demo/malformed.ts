import {
  type Abi,
  type Address,
  type Hex,
  concatHex,
  encodeAbiParameters,
  encodeEventTopics,
  encodeFunctionData,
  pad,
  toHex,
} from 'viem'
import { artifact, type ContractName } from './artifacts'
import type { Deployment } from './deploy'
import type { TxBatch } from './txbatch'

/** The "Bad input" cases of the spec, emitted at the configured contract addresses (see emitRawLogs). */
export interface MalformedCase {
  /** what is wrong with it, for humans and tests */
  name: string
  address: Address
  topic0: Hex
}

interface Ids {
  webV1: Hex
  webV2: Hex
  instrV1: Hex
  codeV1: Hex
  mvChat: Hex
}

export async function injectMalformedLogs(
  chain: TxBatch,
  d: Deployment,
  ts: number,
  ctx: { knownGpu: bigint; ids: Ids },
): Promise<MalformedCase[]> {
  const cases: { name: string; address: Address; topics: Hex[]; data: Hex }[] = []
  const ev = (contract: ContractName, eventName: string, args: Record<string, unknown>) => {
    const abi = artifact(contract).abi
    const item = abi.find((a) => a.type === 'event' && a.name === eventName) as any
    const topics = encodeEventTopics({ abi, eventName, args } as any) as Hex[]
    const nonIndexed = item.inputs.filter((i: any) => !i.indexed)
    const data = encodeAbiParameters(
      nonIndexed,
      nonIndexed.map((i: any) => args[i.name]),
    )
    return { topics, data }
  }
  const usage = (gpuId: bigint, availableSec: number, rentedSec: number) =>
    ev('ComputeLedger', 'UsageReported', {
      gpuId,
      epoch: 900n,
      epochStart: 1n,
      epochLength: 86400,
      availableSec,
      rentedSec,
      grossRevenue: 1n,
      asset: d.stablecoin,
    })
  const distribution = (gpuId: bigint, gross: bigint, operatorFee: bigint, protocolFee: bigint, net: bigint) =>
    ev('ComputeLedger', 'RevenueDistributed', {
      gpuId,
      epoch: 900n,
      beneficiary: d.stablecoin,
      asset: d.stablecoin,
      gross,
      operatorFee,
      protocolFee,
      net,
    })

  const unknownGpu = usage(777_777n, 86400, 100)
  cases.push({ name: 'usage report for an unregistered GPU', address: d.computeLedger, ...unknownGpu })
  const overRented = usage(ctx.knownGpu, 3600, 7200)
  cases.push({ name: 'usage report with rentedSec > availableSec', address: d.computeLedger, ...overRented })
  const overLength = ev('ComputeLedger', 'UsageReported', {
    gpuId: ctx.knownGpu,
    epoch: 901n,
    epochStart: 1n,
    epochLength: 3600,
    availableSec: 7200,
    rentedSec: 10,
    grossRevenue: 1n,
    asset: d.stablecoin,
  })
  cases.push({ name: 'usage report with availableSec > epochLength', address: d.computeLedger, ...overLength })
  cases.push({
    name: 'usage report with truncated data (undecodable)',
    address: d.computeLedger,
    topics: unknownGpu.topics,
    data: unknownGpu.data.slice(0, 2 + 64 * 3) as Hex,
  })
  cases.push({
    name: 'revenue distribution whose parts do not add up to gross',
    address: d.computeLedger,
    ...distribution(ctx.knownGpu, 1000n, 100n, 50n, 900n),
  })
  cases.push({
    name: 'revenue distribution for an unregistered GPU',
    address: d.computeLedger,
    ...distribution(777_777n, 1000n, 100n, 50n, 850n),
  })

  const transfer = ev('GpuRegistry', 'Transfer', { from: d.stablecoin, to: d.stablecoin, tokenId: ctx.knownGpu })
  // ERC-20 layout of Transfer at the ERC-721 registry: the amount sits in data, one topic short.
  cases.push({
    name: 'ERC-721 Transfer with ERC-20 layout (undecodable)',
    address: d.gpuRegistry,
    topics: transfer.topics.slice(0, 3),
    data: pad(toHex(ctx.knownGpu)),
  })
  cases.push({
    name: 'status change for an unregistered GPU',
    address: d.gpuRegistry,
    ...ev('GpuRegistry', 'GpuStatusChanged', { gpuId: 888_888n, status: 1 }),
  })
  cases.push({
    name: 'status out of range',
    address: d.gpuRegistry,
    ...ev('GpuRegistry', 'GpuStatusChanged', { gpuId: ctx.knownGpu, status: 9 }),
  })

  cases.push({
    name: 'derivation that closes a cycle',
    address: d.dataRegistry,
    ...ev('DataRegistry', 'DatasetDerived', {
      childVersionId: ctx.ids.webV1,
      parentVersionId: ctx.ids.instrV1,
      op: 5,
      inheritBps: 100,
    }),
  })
  cases.push({
    name: 'derivation pushing inheritBps past 10000',
    address: d.dataRegistry,
    ...ev('DataRegistry', 'DatasetDerived', {
      childVersionId: ctx.ids.instrV1,
      parentVersionId: ctx.ids.webV1,
      op: 3,
      inheritBps: 9000,
    }),
  })
  cases.push({
    name: 'contribution to an unknown dataset version',
    address: d.dataRegistry,
    ...ev('DataRegistry', 'ContributionRecorded', {
      contributionId: 99_999n,
      versionId: pad('0xdead'),
      contributor: d.stablecoin,
      kind: 0,
      itemsRoot: pad('0x01'),
      items: 10,
      qualityBps: 9000,
    }),
  })

  const run = ev('ProvenanceRegistry', 'TrainingRunAttested', {
    runId: pad('0xbad1'), modelVersionId: ctx.ids.mvChat, attester: d.stablecoin,
    datasetVersionIds: [ctx.ids.webV1, ctx.ids.codeV1], weightBps: [5000], gpuIds: [1n], startedAt: 1n, endedAt: 2n, configHash: pad('0x02'),
  }) // prettier-ignore
  cases.push({
    name: 'training run with datasetVersionIds and weightBps of different lengths',
    address: d.provenanceRegistry,
    ...run,
  })
  const mv = ev('ProvenanceRegistry', 'ModelVersionPublished', {
    modelVersionId: pad('0xbad2'),
    modelId: 1n,
    parentVersionId: pad('0x00'),
    op: 1,
    weightsHash: pad('0x03'),
    uri: 'x',
  })
  // The string's offset points far past the end of the data.
  const badString = concatHex([mv.data.slice(0, 2 + 64 * 3) as Hex, pad('0xffffff'), pad('0x01')])
  cases.push({
    name: 'model version whose uri offset points outside the data (undecodable)',
    address: d.provenanceRegistry,
    topics: mv.topics,
    data: badString,
  })

  await emitRawLogs(chain, d, ts, cases)
  return cases.map((c) => ({ name: c.name, address: c.address.toLowerCase() as Address, topic0: c.topics[0] }))
}

/** A log to emit as is: any topics and data, at any address. */
export interface RawLog {
  name: string
  address: Address
  topics: Hex[]
  data: Hex
}

/**
 * Emits arbitrary logs at the given addresses in one block at `ts`. Our contracts would refuse to
 * emit them, so for that block the raw emitter's code is installed at each address (anvil_setCode)
 * and the original code restored right after; storage is untouched.
 */
export async function emitRawLogs(chain: TxBatch, d: Deployment, ts: number, logs: RawLog[]): Promise<void> {
  const rawCode = await chain.rpc<Hex>('eth_getCode', [d.rawEmitter, 'latest'])
  const [sender] = await chain.rpc<Address[]>('eth_accounts', [])
  const targets = [...new Set(logs.map((c) => c.address))]
  const original = new Map<Address, Hex>()
  for (const t of targets) original.set(t, await chain.rpc<Hex>('eth_getCode', [t, 'latest']))
  for (const t of targets) await chain.rpc('anvil_setCode', [t, rawCode])
  const abi: Abi = artifact('RawEmitter').abi
  for (const c of logs) {
    await chain.raw(
      sender,
      c.address,
      encodeFunctionData({ abi, functionName: 'emitRaw', args: [c.topics, c.data] }),
      `raw log: ${c.name}`,
    )
  }
  try {
    await chain.mine(ts)
  } finally {
    for (const t of targets) await chain.rpc('anvil_setCode', [t, original.get(t)!])
  }
}
