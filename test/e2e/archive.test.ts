import type { Anvil } from '../../src/demo/anvil'
import { testChain } from '../helpers/chain'
import { freshDatabase } from '../helpers/db'
import { localNetwork, runProcessor, writeTempConfig } from '../helpers/processor'

/**
 * Indexing from history reads contract state at old blocks, which only an archive node keeps. Against
 * a node that pruned it (anvil's default keeps a few thousand blocks), the processor must say so, and
 * name the setting to change, rather than fail with the node's bare error.
 */
let anvil: Anvil

afterAll(async () => {
  await anvil?.stop()
})

it('says that an archive node is needed when the node has pruned the state it must read', async () => {
  const t = await testChain()
  anvil = t.anvil
  const { chain } = t
  const [admin, alice] = t.accounts
  const asset = await chain.deploy(admin, 'TestToken', ['Dai', 'DAI', 18])
  const vault = await chain.deploy(admin, 'PlainVault', [asset])
  await chain.call(admin, asset, 'TestToken', 'transfer', [alice, 10n ** 21n])
  await chain.call(alice, asset, 'TestToken', 'approve', [vault, 2n ** 255n])
  await chain.call(alice, vault, 'PlainVault', 'deposit', [10n ** 20n, alice])
  await chain.mine(1_790_000_000)
  const depositBlock = Number((await chain.rpc<{ number: string }>('eth_getBlockByNumber', ['latest', false])).number)
  await chain.rpc('anvil_mine', ['0x1388']) // 5,000 more blocks
  const head = depositBlock + 5000
  // the node's own answer at the deposit block: its state is gone (else this test would prove nothing)
  await expect(
    chain.rpc('eth_call', [{ to: vault, data: '0x01e1d114' }, `0x${depositBlock.toString(16)}`]),
  ).rejects.toThrow()

  const config = localNetwork(anvil.url, head, { contracts: { gpuVaults: [vault] } })
  const r = await runProcessor(
    { NETWORK_CONFIG: writeTempConfig(config), DATABASE_URL: await freshDatabase('archive') },
    15_000,
  )
  expect(r.code).not.toBe(0)
  expect(r.output).toContain(`the node at rpcUrl has no state at block ${depositBlock}`)
  expect(r.output).toContain('needs an archive node')
}, 120_000)
