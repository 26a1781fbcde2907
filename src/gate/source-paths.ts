// Test reports name files as the tester container saw them (`/app/src/x.test.ts`) or relative to
// its WORKDIR (`tests/test_format.py`); GitHub attaches an annotation only to a workspace path.
// This maps one to the other through the tester stage's WORKDIR and COPY/ADD instructions.
import * as path from 'node:path'
import type { Instruction } from '../dockerfile/parser.js'
import { expandWord } from '../dockerfile/shell.js'
import type { Stage, StageGraph } from '../dockerfile/stages.js'

/**
 * Stands for the base image's own WORKDIR, which the Dockerfile does not show (`FROM golang`
 * then `COPY . .`). A relative report path still resolves against it; an absolute one never does.
 */
const IMAGE_WORKDIR = '/\u0000image-workdir'

/** One COPY/ADD of the tester's history, destination resolved to an absolute container path. */
export interface ContainerCopy {
  /** Context-relative sources (normalized, no leading `./` or `/`); empty for COPY --from and heredocs. */
  sources: string[]
  /** Absolute destination in the container. */
  dest: string
  /** The destination names a folder: ends with `/`, or several sources. */
  destIsDir: boolean
  /** COPY --parents: sources keep their context path under the destination. */
  parents: boolean
  /** The files came from another stage, an image or a heredoc, not from the build context. */
  external: boolean
  /** External sources as written, to tell which destination paths they cover. */
  externalSources: string[]
}

/** What the tester container holds from the build context, oldest COPY first, and where tests run. */
export interface TesterFiles {
  copies: ContainerCopy[]
  /** The WORKDIR the tests run in (relative report paths resolve against it). */
  workdir: string
}

export interface SourcePathOptions {
  graph: StageGraph
  /** The tester stage, or its name. */
  testerStage: Stage | string
  /** Build context folder as given (`.`, `sqlparse`), relative to the workspace or absolute. */
  context: string
  /** Absolute workspace folder (GITHUB_WORKSPACE, or the CLI's working directory). */
  workspace: string
  /** Whether a workspace-relative file exists; injected so the mapping stays pure. */
  exists: (workspacePath: string) => boolean
}

/** Walk the tester stage and the stages it is built on, collecting WORKDIR and COPY/ADD. */
export function testerFiles(graph: StageGraph, tester: Stage): TesterFiles {
  const chain: Stage[] = []
  const seen = new Set<number>()
  for (let s: Stage | undefined = tester; s && !seen.has(s.index);) {
    seen.add(s.index)
    chain.unshift(s)
    s = s.baseStage === null ? undefined : graph.stages[s.baseStage]
  }
  const escape = graph.directives.find(d => d.name === 'escape')?.value === '`' ? '`' : '\\'
  const env = new Map<string, string>()
  const expand = (word: string): string | null => {
    try {
      return expandWord(word, env, { escapeToken: escape })
    } catch {
      return null
    }
  }
  let workdir = IMAGE_WORKDIR
  const copies: ContainerCopy[] = []
  for (const stage of chain) {
    for (const ins of stage.instructions) {
      if (ins.keyword === 'ENV' || ins.keyword === 'ARG') setVariables(ins, env, expand)
      else if (ins.keyword === 'WORKDIR') {
        const dir = expand(ins.argv[0] ?? '')
        if (dir) workdir = path.posix.resolve(workdir, dir)
      } else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        const copy = containerCopy(ins, workdir, expand)
        if (copy) copies.push(copy)
      }
    }
  }
  return { copies, workdir }
}

function setVariables(
  ins: Instruction,
  env: Map<string, string>,
  expand: (word: string) => string | null
): void {
  const words = ins.argv
  // `ENV NAME value with spaces`: the legacy one-variable form.
  if (ins.keyword === 'ENV' && words.length > 0 && !(words[0] as string).includes('=')) {
    env.set(words[0] as string, expand(words.slice(1).join(' ')) ?? '')
    return
  }
  for (const word of words) {
    const eq = word.indexOf('=')
    if (eq < 0) continue // an ARG without default: unknown here, so left unset
    env.set(word.slice(0, eq), expand(word.slice(eq + 1)) ?? '')
  }
}

function containerCopy(
  ins: Instruction,
  workdir: string,
  expand: (word: string) => string | null
): ContainerCopy | null {
  const words = ins.argv.map(w => expand(w))
  if (words.length < 2 || words.some(w => w === null)) return null
  const all = words as string[]
  const rawDest = all[all.length - 1] as string
  const rawSources = all.slice(0, -1)
  const heredocs = new Set(ins.heredocs.map(h => h.name))
  const fromContext = !ins.flags.from?.length && heredocs.size === 0
  const sources = fromContext
    ? rawSources.filter(s => !/^[a-z][a-z0-9+.-]*:\/\/|^git@/i.test(s)).map(contextPath)
    : []
  return {
    sources,
    dest: path.posix.resolve(workdir, rawDest),
    destIsDir: rawDest.endsWith('/') || rawSources.length > 1,
    parents: ins.flags.parents !== undefined && ins.flags.parents.at(-1) !== 'false',
    external: !fromContext,
    externalSources: fromContext ? [] : rawSources.map(s => s.replace(/^<<-?/, ''))
  }
}

function contextPath(source: string): string {
  const p = path.posix.normalize(`/${source}`).slice(1)
  return p.replace(/\/$/, '')
}

const GLOB = /[*?[]/

function globToRegExp(glob: string): RegExp {
  let re = ''
  for (const c of glob) {
    if (c === '*') re += '[^/]*'
    else if (c === '?') re += '[^/]'
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${re}$`)
}

/** Where a container file may have come from in the context, by this COPY; most likely first. */
function copySources(copy: ContainerCopy, file: string): string[] {
  const out: string[] = []
  const rel =
    file === copy.dest
      ? ''
      : file.startsWith(`${copy.dest}/`) || copy.dest === '/'
        ? path.posix.relative(copy.dest, file)
        : null
  for (const source of copy.sources) {
    if (copy.parents) {
      if (rel && (source === '' || rel === source || rel.startsWith(`${source}/`) || GLOB.test(source)))
        out.push(rel)
      continue
    }
    if (rel === null) continue
    if (rel === '') {
      // `COPY app.py /srv/main.py`: a single file, renamed.
      if (!copy.destIsDir) out.push(source)
      continue
    }
    if (GLOB.test(source)) {
      // A file the glob matched lands in the destination under its own name.
      const dir = path.posix.dirname(source)
      if (!rel.includes('/') && globToRegExp(path.posix.basename(source)).test(rel))
        out.push(dir === '.' ? rel : `${dir}/${rel}`)
      continue
    }
    // A folder's contents land in the destination; a file lands under its own name.
    out.push(source === '' ? rel : `${source}/${rel}`)
    if (rel === path.posix.basename(source)) out.push(source)
  }
  return out
}

/** Whether a COPY from another stage or image likely wrote this path, hiding what the context put there. */
function shadows(copy: ContainerCopy, file: string): boolean {
  if (file === copy.dest) return true
  if (!file.startsWith(`${copy.dest}/`)) return false
  const rel = path.posix.relative(copy.dest, file)
  return copy.externalSources.some(s => {
    const base = path.posix.basename(s)
    // A folder copied whole (`/app/dist ./dist`, `/out/`), or a file copied into a folder.
    return s.endsWith('/') || base === '.' || base === path.posix.basename(copy.dest) || rel === base
  })
}

/**
 * Workspace-relative paths a report's file path may name, most likely first: through the tester's
 * COPY/ADD (newest first: a later COPY overwrites), then the path read as context-relative, then
 * as workspace-relative or absolute inside the workspace. Paths outside the workspace are dropped.
 */
export function sourcePathCandidates(
  reportPath: string,
  files: TesterFiles,
  where: { context: string; workspace: string }
): string[] {
  const raw = reportPath.trim().replace(/^file:\/\//, '')
  if (raw === '') return []
  const workspace = path.posix.normalize(where.workspace)
  const context = path.posix.isAbsolute(where.context)
    ? path.posix.relative(workspace, where.context)
    : path.posix.normalize(where.context)
  const inWorkspace = (p: string) => {
    const n = path.posix.normalize(p)
    return n === '..' || n.startsWith('../') || path.posix.isAbsolute(n) ? null : n.replace(/^\.\//, '')
  }
  const fromContext = (p: string) =>
    context.startsWith('../') || context === '..' ? null : inWorkspace(path.posix.join(context, p))

  const out: string[] = []
  const add = (p: string | null) => {
    if (p !== null && p !== '' && p !== '.' && !out.includes(p)) out.push(p)
  }
  const containerFile = path.posix.resolve(files.workdir, raw)
  for (let i = files.copies.length - 1; i >= 0; i--) {
    const copy = files.copies[i] as ContainerCopy
    if (copy.external) {
      if (shadows(copy, containerFile)) break
      continue
    }
    for (const source of copySources(copy, containerFile)) add(fromContext(source))
  }
  if (!path.posix.isAbsolute(raw)) {
    add(fromContext(raw))
    add(inWorkspace(raw))
  } else if (raw.startsWith(`${workspace}/`)) add(inWorkspace(path.posix.relative(workspace, raw)))
  return out
}

/** The workspace file a report path names, or null when none of its candidates exists. */
export function mapReportPath(
  reportPath: string,
  files: TesterFiles,
  options: Pick<SourcePathOptions, 'context' | 'workspace' | 'exists'>
): string | null {
  return sourcePathCandidates(reportPath, files, options).find(p => options.exists(p)) ?? null
}

/**
 * Annotations with their `file` mapped to the workspace file it came from. One that maps to no
 * existing file loses `file` and `startLine` and keeps its title and message: GitHub drops an
 * annotation's location when the file is not in the repository.
 */
export function mapAnnotationPaths<T extends { file?: string; startLine?: number }>(
  annotations: readonly T[],
  options: SourcePathOptions
): T[] {
  const tester =
    typeof options.testerStage === 'string'
      ? options.graph.stages.findLast(s => s.name === (options.testerStage as string).toLowerCase())
      : options.testerStage
  const files: TesterFiles = tester
    ? testerFiles(options.graph, tester)
    : { copies: [], workdir: IMAGE_WORKDIR }
  return annotations.map(a => {
    if (a.file === undefined) return a
    const file = mapReportPath(a.file, files, options)
    if (file !== null) return { ...a, file }
    const { file: _file, startLine: _line, ...rest } = a
    return rest as T
  })
}
