import { formatTick, formatValue, idLabel, money, ROUND_STEPS, text, units, visible } from '../../web/src/format'
import { decimalUnits } from '../../src/api/routes/exports'

/** The dashboard's rendering of on-chain text (hand-worked expectations). */
it('shows bidirectional controls and other invisible characters as visible marks', () => {
  expect(visible('safe\u202Egpj.exe\u202C')).toBe('safe⟨U+202E⟩gpj.exe⟨U+202C⟩')
  expect(visible('a\u200Bb\u0000c\uFEFF')).toBe('a⟨U+200B⟩b⟨U+0000⟩c⟨U+FEFF⟩')
  expect(visible('Llama-3 模型 🚀')).toBe('Llama-3 模型 🚀')
})

it('cuts long text with the whole value on hover, escaped', () => {
  expect(text('short')).toBe('short')
  expect(text('<b>', 10)).toBe('&lt;b&gt;')
  expect(text('abcdef', 3)).toBe('<span class="cut" title="abcdef">abc…</span>')
  // cut by characters, never inside a surrogate pair
  expect(text('🚀🚀🚀', 2)).toBe('<span class="cut" title="🚀🚀🚀">🚀🚀…</span>')
  expect(text(null)).toBe('')
})

it('never shows a non-zero amount as zero', () => {
  expect(units('2', 18, 0)).toBe('< 1')
  expect(units('2', 18, 2)).toBe('< 0.01')
  expect(units('-2', 6, 2)).toBe('> -0.01')
  expect(units('0', 18, 2)).toBe('0.00')
  expect(units('1234567', 6, 2)).toBe('1.23')
})

it('labels chart ticks on round steps with the digits the step needs, and the legend in the same unit', () => {
  // uPlot's choice of steps: 1, 2 and 5 times powers of ten only (no 2.5 % steps read as 73 / 75 / 78)
  for (const s of ROUND_STEPS) expect([1, 2, 5]).toContain(Math.round(s / 10 ** Math.floor(Math.log10(s) + 1e-9)))
  expect([0.7, 0.75, 0.8].map((v) => formatTick(v, 0.05, 'percent'))).toEqual(['70%', '75%', '80%'])
  expect([0.7, 0.705].map((v) => formatTick(v, 0.005, 'percent'))).toEqual(['70.0%', '70.5%'])
  expect(formatTick(0.000035, 0.000005, 'plain')).toBe('0.000035')
  expect(formatTick(12, 2, 'hours')).toBe('12h')
  expect([0, -1e-12, 0.00001].map((v) => formatTick(v, 0.00001, 'plain'))).toEqual(['0', '0', '0.00001'])
  expect(formatTick(0, 0.05, 'percent')).toBe('0%')
  expect(formatValue(0.694, 'percent')).toBe('69.40%')
  expect(formatValue(0.0000351234, 'plain')).toBe('0.00003512')
})

it('shows ASCII-padded bytes32 ids as their text, others as short hex', () => {
  const ascii = (t: string) => '0x' + Buffer.from(t).toString('hex').padEnd(64, '0')
  expect(idLabel(ascii('llama-garden-8b@chat'))).toBe('llama-garden-8b@chat')
  expect(idLabel(ascii('llama-garden-8b@base'))).toBe('llama-garden-8b@base')
  expect(idLabel('0x' + 'ab'.repeat(32))).toBe('0xababab…abab')
  expect(idLabel(ascii('tab\there'))).toBe('0x746162…0000')
})

describe('money', () => {
  it('shows an amount in its asset’s units with its symbol, exactly', () => {
    expect(money('123456789', { symbol: 'USDC', decimals: 6 })).toBe('123.46 USDC')
    expect(money('1000000000000000000000', { symbol: 'ETH', decimals: 18 }, 0)).toBe('1,000 ETH')
    expect(money('5', { symbol: null, decimals: 0 })).toBe('5.00')
  })

  it('never guesses decimals: unknown ones show raw base units', () => {
    expect(money('1234567', { symbol: 'MKR', decimals: null })).toBe('1,234,567 base units')
    expect(money('7', null)).toBe('7 base units')
    expect(money(null, { symbol: 'X', decimals: 2 })).toBe('—')
  })
})

describe('decimalUnits (CSV _units columns)', () => {
  it('divides by 10^decimals exactly, without trailing zeros', () => {
    expect(decimalUnits('1234500', 6)).toBe('1.2345')
    expect(decimalUnits('5', 6)).toBe('0.000005')
    expect(decimalUnits('1000000', 6)).toBe('1')
    expect(decimalUnits('123456789012345678901234567890', 18)).toBe('123456789012.34567890123456789')
    expect(decimalUnits('-250', 2)).toBe('-2.5')
    expect(decimalUnits('42', 0)).toBe('42')
  })
  it('is empty when the decimals are unknown', () => {
    expect(decimalUnits('42', null)).toBe('')
  })
})
