// Decides, request by request and from a seeded PRNG, which fault (if any) the emulator injects.
import { mulberry32, type Random } from '../prng.js'
import { parseFaultSpec, type FaultKind, type FaultRule, type FaultSpec } from './faultSpec.js'

/** One injected fault, as recorded by the controller. */
export interface InjectedFault {
  /** HTTP method of the request. */
  method: string
  /** Path of the request, without the query string. */
  path: string
  /** The failure injected. */
  kind: FaultKind
  /** When it happened, ms since the epoch. */
  time: number
}

/** The runtime handle on faults: read, replace or clear the rules, and see what was injected. */
export interface FaultController {
  /** The current spec (a copy). */
  get(): FaultSpec
  /** Replaces the rules and reseeds the PRNG; a bad spec throws a `TypeError`, keeping the old. */
  set(spec: FaultSpec): void
  /** Removes every rule. */
  clear(): void
  /** Every fault injected since the last `set`/`clear`, oldest first. */
  readonly injected: ReadonlyArray<InjectedFault>
}

/** The controller plus the decision function the server calls for every non-admin request. */
export interface FaultEngine extends FaultController {
  /** The rule that fires for a request, or null; consumes one PRNG draw when any rule matches. */
  decide(method: string, routeTemplate: string | undefined, path: string): FaultRule | null
}

const normalizeTemplate = (path: string): string => path.replace(/:[^/]+/g, ':')

/** Whether a rule's route pattern covers this request. */
export const routeMatches = (
  pattern: string,
  method: string,
  routeTemplate: string | undefined,
  path: string,
): boolean => {
  if (pattern === '*') return true
  const [patternMethod = '', patternPath = ''] = pattern.split(/\s+/, 2)
  if (patternMethod !== '*' && patternMethod.toUpperCase() !== method.toUpperCase()) return false
  if (patternPath === '*' || patternPath === '') return true
  if (patternPath.endsWith('*')) return path.startsWith(patternPath.slice(0, -1))
  if (patternPath === path) return true
  return (
    routeTemplate !== undefined &&
    normalizeTemplate(patternPath) === normalizeTemplate(routeTemplate)
  )
}

type RuleState = { rule: FaultRule; seen: number; fired: number }

/** A fault engine over `spec`, drawing from mulberry32(spec.seed ?? defaultSeed). Specs go through
 * `parseFaultSpec`: untyped callers get checks, not a rule that crashes requests or never fires. */
export const createFaultEngine = (spec: FaultSpec, defaultSeed: number): FaultEngine => {
  let current: FaultSpec, states: RuleState[], random: Random, injected: InjectedFault[]

  const set = (next: FaultSpec): void => {
    current = parseFaultSpec(next)
    states = current.rules.map((rule) => ({ rule, seen: 0, fired: 0 }))
    random = mulberry32(current.seed ?? defaultSeed)
    injected = []
  }
  set(spec)

  return {
    get: () => ({ ...current, rules: current.rules.map((rule) => ({ ...rule })) }),
    set,
    clear: () => set({ rules: [] }),
    get injected() {
      return injected
    },
    decide(method, routeTemplate, path) {
      const eligible = states.filter((state) => {
        if (!routeMatches(state.rule.route, method, routeTemplate, path)) return false
        state.seen += 1
        if (state.seen <= (state.rule.skip ?? 0)) return false
        return state.rule.times === undefined || state.fired < state.rule.times
      })
      if (eligible.length === 0) return null
      const draw = random()
      let cumulative = 0
      for (const state of eligible) {
        cumulative += state.rule.rate ?? 1
        if (draw < cumulative) {
          state.fired += 1
          injected.push({ method, path, kind: state.rule.kind, time: Date.now() })
          return state.rule
        }
      }
      return null
    },
  }
}
