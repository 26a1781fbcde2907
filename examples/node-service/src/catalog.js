// The product catalogue; a real service would read it from a database.

const NAMES = ['Kettle', 'Toaster', 'Mug', 'Teapot', 'Grinder', 'Scale', 'Whisk', 'Ladle', 'Sieve', 'Tray']

export function sampleCatalog(size = 45) {
  return Array.from({ length: size }, (_, i) => ({
    id: i + 1,
    name: `${NAMES[i % NAMES.length]} ${Math.floor(i / NAMES.length) + 1}`,
    cents: 499 + i * 250,
    currency: 'EUR'
  }))
}
