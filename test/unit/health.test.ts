import { healthOf, type IndexerStatusReport, type ProcessorBeat } from '../../src/api/sql/status'

/** The /health rule (docs/api.md, "Health"), case by case. */
const at = (processor: Partial<ProcessorBeat> | null, lagBlocks = 0): IndexerStatusReport => ({
  indexedHeight: 100,
  finalizedHeight: 95,
  chainHeight: 100 + lagBlocks,
  lagBlocks,
  processor: processor && {
    running: true,
    finished: false,
    restarts: 0,
    lastError: null,
    sinceAdvanceSec: 1,
    heartbeatAgeSec: 1,
    headMoved: false,
    chainHeight: 100,
    explorerUrl: null,
    ...processor,
  },
})

it('is ok at the head, syncing behind it, starting before anything is indexed', () => {
  expect(healthOf(at({}))).toBe('ok')
  expect(healthOf(at({}, 5))).toBe('syncing')
  expect(healthOf({ ...at({}), indexedHeight: null })).toBe('starting')
  expect(healthOf(at(null))).toBe('ok') // no supervisor ever ran: judged by the index alone
})

it('is ok on a quiet chain however long the index has not moved', () => {
  expect(healthOf(at({ sinceAdvanceSec: 3600, headMoved: false }))).toBe('ok')
})

it('is stalled after 60 s without progress while the head moved or the worker was down', () => {
  expect(healthOf(at({ sinceAdvanceSec: 61, headMoved: true }))).toBe('stalled')
  expect(healthOf(at({ sinceAdvanceSec: 59, headMoved: true }))).toBe('ok')
  expect(healthOf(at({ sinceAdvanceSec: 61, running: false }))).toBe('stalled')
  expect(healthOf(at({ sinceAdvanceSec: 20, headMoved: true }), 10)).toBe('stalled')
})

it('is stalled when the supervisor stopped beating, unless it finished at toBlock', () => {
  expect(healthOf(at({ heartbeatAgeSec: 31 }))).toBe('stalled')
  expect(healthOf(at({ heartbeatAgeSec: 3600, finished: true, running: false }))).toBe('ok')
})
