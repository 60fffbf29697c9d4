//! What the benchmark reads off the machine (a process's resident memory, CPU time and open-file limit from /proc)
//! and how it sums up latencies.

use anyhow::{bail, Context};
use std::time::Duration;

/// Linux reports CPU times in /proc in USER_HZ, which is 100 on every mainstream architecture.
const USER_HZ: f64 = 100.0;

/// VmRSS of a process, in KiB.
pub fn rss_kib(pid: u32) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).context("reading the server's status")?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:")).context("no VmRSS line")?;
    line.split_whitespace().nth(1).context("VmRSS value")?.parse().context("VmRSS value")
}

/// User plus system CPU time of a process (all its threads) so far, in seconds. `pid` 0 means this process.
pub fn cpu_seconds(pid: u32) -> anyhow::Result<f64> {
    let path = if pid == 0 { "/proc/self/stat".to_string() } else { format!("/proc/{pid}/stat") };
    let stat = std::fs::read_to_string(path).context("reading a process's stat")?;
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis are plain.
    let rest = stat.rsplit_once(')').context("stat format")?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the whole line, so 11 and 12 after the state (field 3).
    if fields.len() < 13 {
        bail!("stat has too few fields");
    }
    let ticks: u64 = fields[11].parse::<u64>()? + fields[12].parse::<u64>()?;
    Ok(ticks as f64 / USER_HZ)
}

/// The soft limit on open files of a process (`pid` 0: this one), from /proc/<pid>/limits.
pub fn open_files_limit(pid: u32) -> anyhow::Result<u64> {
    let path = if pid == 0 { "/proc/self/limits".to_string() } else { format!("/proc/{pid}/limits") };
    let limits = std::fs::read_to_string(path).context("reading a process's limits")?;
    let line = limits.lines().find(|line| line.starts_with("Max open files")).context("no open-files line")?;
    let soft = line.trim_start_matches("Max open files").split_whitespace().next().context("open-files value")?;
    Ok(if soft == "unlimited" { u64::MAX } else { soft.parse()? })
}

/// Busy CPU time of the whole machine so far (all cores: user, nice, system, irq, softirq, steal), in seconds.
pub fn machine_busy_seconds() -> anyhow::Result<f64> {
    let stat = std::fs::read_to_string("/proc/stat").context("reading /proc/stat")?;
    let line = stat.lines().next().filter(|line| line.starts_with("cpu ")).context("no cpu line in /proc/stat")?;
    let ticks: Vec<u64> = line.split_whitespace().skip(1).map(str::parse).collect::<Result<_, _>>()?;
    if ticks.len() < 8 {
        bail!("/proc/stat has too few cpu fields");
    }
    let busy = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7];
    Ok(busy as f64 / USER_HZ)
}

/// CPU use over a stretch of wall time: of one process, or of the whole machine.
pub struct CpuWindow {
    pid: Option<u32>,
    cpu: f64,
    wall: std::time::Instant,
}

impl CpuWindow {
    /// One process (`pid` 0: this one).
    pub fn process(pid: u32) -> anyhow::Result<CpuWindow> {
        Ok(CpuWindow { pid: Some(pid), cpu: cpu_seconds(pid)?, wall: std::time::Instant::now() })
    }

    /// Every process on the machine.
    pub fn machine() -> anyhow::Result<CpuWindow> {
        Ok(CpuWindow { pid: None, cpu: machine_busy_seconds()?, wall: std::time::Instant::now() })
    }

    /// CPU seconds used since the start.
    pub fn seconds(&self) -> anyhow::Result<f64> {
        let now = match self.pid {
            Some(pid) => cpu_seconds(pid)?,
            None => machine_busy_seconds()?,
        };
        Ok(now - self.cpu)
    }

    /// The CPU seconds used per second of wall time, as a percentage of one core.
    pub fn percent(&self) -> anyhow::Result<f64> {
        let wall = self.wall.elapsed().as_secs_f64().max(1e-3);
        Ok(self.seconds()? / wall * 100.0)
    }
}

/// p50 / p95 / p99 / max of a set of durations, in milliseconds.
#[derive(Clone, Copy, Debug, Default)]
pub struct Spread {
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
    pub max: f64,
}

impl Spread {
    pub fn of(samples: &mut [Duration]) -> Spread {
        if samples.is_empty() {
            return Spread::default();
        }
        samples.sort_unstable();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        Spread {
            p50: ms(nearest_rank(samples, 0.50)),
            p95: ms(nearest_rank(samples, 0.95)),
            p99: ms(nearest_rank(samples, 0.99)),
            max: ms(samples[samples.len() - 1]),
        }
    }
}

/// The nearest-rank percentile of sorted samples.
fn nearest_rank(sorted: &[Duration], p: f64) -> Duration {
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub fn mib(kib: u64) -> String {
    format!("{:.1} MiB", kib as f64 / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let mut samples: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        samples.reverse();
        let spread = Spread::of(&mut samples);
        assert_eq!((spread.p50, spread.p95, spread.p99, spread.max), (50.0, 95.0, 99.0, 100.0));
        let mut one = vec![Duration::from_millis(7)];
        assert_eq!(Spread::of(&mut one).p99, 7.0);
        assert_eq!(Spread::of(&mut one).p95, 7.0);
        assert_eq!(Spread::of(&mut []).max, 0.0);
    }

    #[test]
    fn this_process_has_memory_cpu_and_a_file_limit() {
        assert!(cpu_seconds(0).unwrap() >= 0.0);
        assert!(rss_kib(std::process::id()).unwrap() > 0);
        assert!(open_files_limit(0).unwrap() > 0);
        assert!(machine_busy_seconds().unwrap() > 0.0);
    }
}
