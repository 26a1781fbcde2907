import assert from 'node:assert/strict'
import { test } from 'node:test'
import { applyDiscount, formatPrice, orderTotal, withTax } from '../src/price.js'

// BREAK=1 makes one top-level test fail on purpose (stagegate's own end-to-end tests use it).
const BREAK = process.env.BREAK === '1'

test('formats cents as a decimal price', () => {
  assert.equal(formatPrice(1999, 'EUR'), BREAK ? '19.90 EUR' : '19.99 EUR')
})

test('keeps leading zeros of the cents', () => {
  assert.equal(formatPrice(105, 'USD'), '1.05 USD')
})

test('formats a currency without decimals', () => {
  assert.equal(formatPrice(1500, 'JPY'), '1500 JPY')
})

test('refuses fractional cents', () => {
  assert.throws(() => formatPrice(19.99, 'EUR'), TypeError)
})

test('rounds a discount half up to the cent', () => {
  assert.equal(applyDiscount(999, 15), 849)
})

test('adds tax at the given rate', () => {
  assert.equal(withTax(1000, 19), 1190)
})

test('totals order lines after their discounts', () => {
  const total = orderTotal([
    { cents: 1000, quantity: 2 },
    { cents: 999, quantity: 1, discountPercent: 15 }
  ])
  assert.equal(total, 2849)
})
