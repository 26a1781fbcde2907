// containerd's platforms.Parse, reduced to what decides whether BuildKit accepts a --platform value.
const COMPONENT_RE = /^[A-Za-z0-9_-]+$/
const KNOWN_OS = new Set([
  'aix',
  'android',
  'darwin',
  'dragonfly',
  'freebsd',
  'hurd',
  'illumos',
  'ios',
  'js',
  'linux',
  'nacl',
  'netbsd',
  'openbsd',
  'plan9',
  'solaris',
  'wasip1',
  'windows',
  'zos'
])
const KNOWN_ARCH = new Set([
  '386',
  'amd64',
  'amd64p32',
  'arm',
  'armbe',
  'arm64',
  'arm64be',
  'ppc64',
  'ppc64le',
  'loong64',
  'mips',
  'mipsle',
  'mips64',
  'mips64le',
  'mips64p32',
  'mips64p32le',
  'ppc',
  'riscv',
  'riscv64',
  's390',
  's390x',
  'sparc',
  'sparc64',
  'wasm'
])
// normalizeArch's aliases that make a single word an architecture.
const ARCH_ALIASES: Record<string, string> = {
  i386: '386',
  x86_64: 'amd64',
  'x86-64': 'amd64',
  aarch64: 'arm64',
  armhf: 'arm',
  armel: 'arm'
}

/** The error containerd gives for a platform specifier, or null when it parses. */
export function platformProblem(specifier: string): string | null {
  if (specifier.includes('*')) return `"${specifier}": wildcards not yet supported: invalid argument`
  // An OS version in parentheses (`windows(10.0.17763)/amd64`) is allowed on the first part.
  const parts = specifier.replace(/^([^/(]*)\([^)]*\)/, '$1').split('/')
  for (const part of parts) {
    if (!COMPONENT_RE.test(part))
      return `"${part}" is an invalid component of "${specifier}": platform specifier component must match "^[A-Za-z0-9_-]+$": invalid argument`
  }
  if (parts.length === 1) {
    const w = (parts[0] as string).toLowerCase()
    const os = w === 'macos' ? 'darwin' : w
    if (KNOWN_OS.has(os) || KNOWN_ARCH.has(ARCH_ALIASES[w] ?? w)) return null
    return `"${specifier}": unknown operating system or architecture: invalid argument`
  }
  if (parts.length <= 3) return null
  return `"${specifier}": cannot parse platform specifier: invalid argument`
}
