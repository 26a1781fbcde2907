import type { Host } from './host.js'

/** Replaces every secret value in a text with `***`, longest first so overlapping values stay hidden. */
export function redact(text: string, secrets: string[]): string {
  let out = text
  for (const value of [...secrets].sort((a, b) => b.length - a.length)) {
    if (value !== '') out = out.split(value).join('***')
  }
  return out
}

/**
 * A host that hides secret values in everything it prints, writes or outputs. The runner masks
 * values after `::add-mask::` too, but a terminal (the CLI) does not, and a mask must not depend
 * on who reads the log.
 */
export function redactingHost(host: Host, secrets: string[]): Host {
  if (secrets.every(s => s === '')) return host
  const hide = (text: string): string => redact(text, secrets)
  return {
    ...host,
    info: message => host.info(hide(message)),
    warning: (message, where) => host.warning(hide(message), where),
    error: (message, where) => host.error(hide(message), where),
    group: (name, fn) => host.group(hide(name), fn),
    untrusted: fn => host.untrusted(emit => fn(line => emit(hide(line)))),
    setOutput: (name, value) => host.setOutput(name, hide(value)),
    appendSummary: markdown => host.appendSummary(hide(markdown))
  }
}
