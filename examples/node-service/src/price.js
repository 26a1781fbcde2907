// Prices are whole cents everywhere: floating-point euros lose cents in sums.

const DECIMALS = { EUR: 2, USD: 2, GBP: 2, JPY: 0 }

/** 1999 EUR → "19.99 EUR"; the currency decides the number of decimals. */
export function formatPrice(cents, currency = 'EUR') {
  if (!Number.isInteger(cents)) throw new TypeError(`price must be whole cents, not ${cents}`)
  const decimals = DECIMALS[currency]
  if (decimals === undefined) throw new RangeError(`unknown currency ${currency}`)
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  if (decimals === 0) return `${sign}${abs} ${currency}`
  const unit = 10 ** decimals
  return `${sign}${Math.floor(abs / unit)}.${String(abs % unit).padStart(decimals, '0')} ${currency}`
}

/** A percentage off, rounded half up to the cent (what the till prints). */
export function applyDiscount(cents, percent) {
  if (percent < 0 || percent > 100) throw new RangeError(`discount must be 0–100 %, not ${percent}`)
  return cents - Math.round((cents * percent) / 100)
}

/** Net cents plus tax at a rate in percent, rounded half up. */
export function withTax(cents, ratePercent) {
  return cents + Math.round((cents * ratePercent) / 100)
}

/** The total of order lines ({ cents, quantity }), each line's discount applied first. */
export function orderTotal(lines) {
  return lines.reduce(
    (sum, line) => sum + applyDiscount(line.cents, line.discountPercent ?? 0) * line.quantity,
    0
  )
}
