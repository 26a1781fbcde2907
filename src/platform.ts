/** Docker's name for a Node.js architecture (linux is the build OS in a container). */
export function nativePlatform(arch: string = process.arch): string {
  const map: Record<string, string> = {
    x64: 'linux/amd64',
    arm64: 'linux/arm64',
    arm: 'linux/arm/v7',
    ia32: 'linux/386',
    ppc64: 'linux/ppc64le',
    s390x: 'linux/s390x',
    riscv64: 'linux/riscv64',
    loong64: 'linux/loong64',
    mips64el: 'linux/mips64le'
  }
  return map[arch] ?? 'linux/amd64'
}
