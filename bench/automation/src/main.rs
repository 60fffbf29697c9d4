//! `automation-bench`: how fast the pure automation code of issue 7 is, in-process and single-threaded, on generated
//! but reproducible data (a seeded xorshift generator): rule evaluation per event with 200 rules, SLA recomputation
//! for 100,000 open tickets, and the triage classifier. No server, no database: it bounds what the engine itself
//! costs, before any store or network time. Prints markdown to stdout (bench/automation.sh saves it to
//! bench/automation-results.md); progress goes to stderr.

mod event_gen;
mod fixture;
mod rng;
mod rule_gen;
mod rules_bench;
mod sla_bench;
mod stats;
mod triage_bench;

/// The CPU model from /proc/cpuinfo (`model name`), or "unknown CPU" where there is none (e.g. some ARM boards).
fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|line| line.starts_with("model name"))
                .and_then(|line| line.split_once(':'))
                .map(|(_, model)| model.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string())
}

/// The 1, 5 and 15 minute load averages: on a shared machine they say how far to trust the numbers.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|line| line.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".to_string())
}

fn main() {
    let load_before = load_average();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let commit = std::env::var("BENCH_COMMIT").map(|commit| format!(" at commit {commit}")).unwrap_or_default();
    let build = if cfg!(debug_assertions) { "debug build (numbers not comparable)" } else { "release build" };
    let messages = fixture::messages();
    let sections = [rules_bench::run(&messages), sla_bench::run(), triage_bench::run(&messages)];
    println!(
        "Measured {}{commit} on {cores} cores ({}), {build}, single-threaded; load average {load_before} at the \
         start and {} at the end.\n",
        chrono::Utc::now().format("%Y-%m-%d"),
        cpu_model(),
        load_average()
    );
    println!("{}", sections.join("\n"));
}
