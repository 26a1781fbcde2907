import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { BadRequest, linkHeader, paginate, parsePageParams } from '../src/pagination.js'

// BREAK=1 makes one nested test fail on purpose (stagegate's own end-to-end tests use it).
const BREAK = process.env.BREAK === '1'
const items = Array.from({ length: 45 }, (_, i) => i + 1)

describe('pagination', () => {
  describe('parsePageParams', () => {
    it('defaults to page 1 of 20', () => {
      assert.deepEqual(parsePageParams(new URLSearchParams('')), { page: 1, perPage: 20 })
    })

    it('caps the page size at 100', () => {
      assert.deepEqual(parsePageParams(new URLSearchParams('page=3&per_page=500')), { page: 3, perPage: 100 })
    })

    it('rejects a page of zero', () => {
      assert.throws(() => parsePageParams(new URLSearchParams('page=0')), BadRequest)
    })
  })

  describe('paginate', () => {
    it('slices the requested page', () => {
      assert.deepEqual(
        paginate(items, { page: 2, perPage: 10 }).items,
        [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]
      )
    })

    it('counts the pages, the last one partly filled', () => {
      assert.equal(paginate(items, { page: 1, perPage: 10 }).totalPages, BREAK ? 4 : 5)
    })

    it('has no next page on the last page', () => {
      assert.equal(paginate(items, { page: 5, perPage: 10 }).hasNext, false)
    })

    it('gives an empty page past the end, not an error', () => {
      const page = paginate(items, { page: 9, perPage: 10 })
      assert.deepEqual(page.items, [])
      assert.equal(page.total, 45)
    })
  })

  describe('linkHeader', () => {
    it('is absent when everything fits on one page', () => {
      assert.equal(linkHeader('http://x/products', { page: 1, perPage: 50, totalPages: 1 }), null)
    })
  })
})
