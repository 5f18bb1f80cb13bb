// The peak RSS of this process since a baseline, from the kernel's high-water mark.
//
// process.resourceUsage().maxRSS cannot give it on Linux: a child process inherits its parent's
// high-water mark through fork and keeps it across exec, so a child of a 300 MB parent reports
// 300 MB before it does anything. /proc/self/status VmHWM belongs to the address space made by
// exec, and writing 5 to /proc/self/clear_refs resets it to the current RSS.
import { readFileSync, writeFileSync } from 'node:fs'

const readVmHwm = () => {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(readFileSync('/proc/self/status', 'utf8'))
    return match === null ? undefined : Number(match[1]) * 1024
  } catch {
    return undefined
  }
}

/**
 * Starts measuring: resets the kernel's peak RSS to the current RSS where Linux allows it.
 * Returns the source `peakRss()` will read: `'VmHWM'`, or `'maxRSS'` (less exact) elsewhere.
 */
export const resetPeakRss = () => {
  try {
    writeFileSync('/proc/self/clear_refs', '5')
    if (readVmHwm() !== undefined) return 'VmHWM'
  } catch {
    // not Linux, or not allowed: fall back to maxRSS
  }
  return 'maxRSS'
}

/** The peak RSS in bytes, from the source `resetPeakRss()` returned. */
export const peakRss = (source) =>
  source === 'VmHWM' ? readVmHwm() : process.resourceUsage().maxRSS * 1024
