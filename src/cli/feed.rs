//! `courtside feed`: replay any source as a live feed file, and follow one headless to
//! measure what the app would see.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result, bail};
use polars::prelude::*;
use rand::{Rng, SeedableRng};

use crate::cli::{open_options, timings::Timings};
use crate::data::follow::{Event, LineFormat, LiveFeed, Wake};
use crate::data::{self, Table};
use crate::format::thousands;

/// The field (NDJSON) or column (CSV) in which the replay stamps each line's write time, in
/// microseconds since the Unix epoch.
pub const STAMP: &str = "_written_us";

/// The feed commands.
#[derive(Debug, clap::Subcommand)]
pub enum Command {
    /// Write the rows of any supported source to a file as a live feed would: at a steady
    /// rate or at game speed, in chunks that sometimes split a line.
    Replay(ReplayArgs),
    /// Follow a feed file as the app would, until it goes quiet, and report rows, malformed
    /// lines, throughput and write-to-visible latency.
    Follow(FollowArgs),
}

/// The line formats of a replay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Ndjson,
    Csv,
}

/// Arguments of `feed replay`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  courtside feed replay NBA_2024_Shots.csv --out live.ndjson --rate 12800
  courtside feed replay sample-data/tracking.parquet --out game.csv --format csv --speed 4")]
pub struct ReplayArgs {
    /// The source: a file or folder Courtside reads.
    #[arg(value_name = "SOURCE")]
    pub source: PathBuf,

    /// The feed file to write (started empty).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,

    /// Lines per second, steadily.
    #[arg(long, value_name = "EVENTS_PER_S", conflicts_with = "speed")]
    pub rate: Option<f64>,

    /// Game speed from the source's `t_ms` (tracking): 1 is real time, 4 four times faster.
    #[arg(long, value_name = "X")]
    pub speed: Option<f64>,

    /// The line format (default: from --out's extension).
    #[arg(long, value_enum)]
    pub format: Option<Format>,

    /// Only the first N rows.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
}

/// Arguments of `feed follow`.
#[derive(Debug, clap::Args)]
pub struct FollowArgs {
    /// The feed file (waited for if it does not exist yet).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Stop once no line has arrived for this many seconds.
    #[arg(long, value_name = "SECS", default_value_t = 5.0)]
    pub until_idle: f64,

    /// Write the report as JSON to this file too.
    #[arg(long, value_name = "FILE.json")]
    pub report: Option<PathBuf>,
}

/// Runs a feed command.
pub fn run(command: &Command, workspace: &Path, timings: &mut Timings) -> Result<()> {
    match command {
        Command::Replay(a) => replay(a, workspace, timings),
        Command::Follow(a) => {
            let r = follow(&a.file, Duration::from_secs_f64(a.until_idle.max(0.01)))?;
            let json = serde_json::to_string_pretty(&r)?;
            println!("{json}");
            if let Some(p) = &a.report {
                crate::export::write_atomic(p, |w| w.write_all(json.as_bytes()))
                    .with_context(|| format!("{}: cannot write the report", p.display()))?;
            }
            Ok(())
        }
    }
}

fn now_us() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_micros() as u64)
        .unwrap_or(0)
}

/// The rows of a frame as feed lines (without stamps), and the CSV header.
fn lines_of(df: &mut DataFrame, format: Format) -> Result<(Option<String>, Vec<String>)> {
    let mut buf = Vec::new();
    match format {
        Format::Ndjson => {
            JsonWriter::new(&mut buf)
                .with_json_format(JsonFormat::JsonLines)
                .finish(df)?;
        }
        Format::Csv => {
            CsvWriter::new(&mut buf).include_header(true).finish(df)?;
        }
    }
    let text = String::from_utf8(buf).context("the source's text is not UTF-8")?;
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let header = match format {
        Format::Csv if !lines.is_empty() => Some(lines.remove(0)),
        _ => None,
    };
    Ok((header, lines))
}

/// A line with its write time stamped in.
fn stamped(line: &str, format: Format, us: u64) -> String {
    match format {
        Format::Ndjson => match line.strip_prefix('{') {
            Some(rest) if rest.trim_start().starts_with('}') => format!("{{\"{STAMP}\":{us}}}"),
            Some(rest) => format!("{{\"{STAMP}\":{us},{rest}"),
            None => line.to_string(),
        },
        Format::Csv => format!("{line},{us}"),
    }
}

fn replay(a: &ReplayArgs, workspace: &Path, timings: &mut Timings) -> Result<()> {
    crate::cli::refuse_input(&a.out, std::slice::from_ref(&a.source))?;
    let format = a.format.unwrap_or(match LineFormat::of(&a.out) {
        LineFormat::Csv { .. } => Format::Csv,
        LineFormat::Ndjson => Format::Ndjson,
    });
    let opts = open_options(workspace, None)?;
    let tables: Vec<Table> = timings.time("open", || data::open(&a.source, &opts))?;
    let mut df = timings.time("scan+query", || {
        crate::cli::convert::collect_all(&tables[..1], false)
    })?;
    if let Some(n) = a.limit {
        df = df.head(Some(n));
    }
    // When to write each line, in seconds from the start.
    let due: Vec<f64> = match (a.rate, a.speed) {
        (Some(r), _) if r > 0.0 => (0..df.height()).map(|i| i as f64 / r).collect(),
        (_, Some(x)) if x > 0.0 => {
            let t = df
                .column("t_ms")
                .map_err(|_| {
                    anyhow::anyhow!(
                        "--speed needs a time column (t_ms, in tracking tables); use --rate"
                    )
                })?
                .cast(&DataType::Int64)?;
            let t: Vec<i64> = t.i64()?.iter().map(|v| v.unwrap_or(0)).collect();
            let t0 = t.first().copied().unwrap_or(0);
            t.iter().map(|v| (v - t0) as f64 / 1000.0 / x).collect()
        }
        _ => bail!("give --rate EVENTS_PER_S (above 0) or --speed X"),
    };
    let (header, lines) = lines_of(&mut df, format)?;
    let mut file = std::fs::File::create(&a.out)
        .with_context(|| format!("{}: cannot write it", a.out.display()))?;
    if let Some(h) = header {
        file.write_all(format!("{h},{STAMP}\n").as_bytes())?;
    }
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(42);
    let start = Instant::now();
    let mut next = 0;
    while next < lines.len() {
        let now = start.elapsed().as_secs_f64();
        let end = next + due[next..].partition_point(|d| *d <= now);
        if end == next {
            let wait = (due[next] - now).clamp(0.0, 0.002);
            std::thread::sleep(Duration::from_secs_f64(wait));
            continue;
        }
        let us = now_us();
        let mut chunk = String::new();
        for l in &lines[next..end] {
            chunk.push_str(&stamped(l, format, us));
            chunk.push('\n');
        }
        // As a real feed: sometimes a write ends inside a line, the rest comes a moment later.
        let bytes = chunk.as_bytes();
        if bytes.len() > 2 && rng.random_bool(0.3) {
            let cut = rng.random_range(1..bytes.len());
            file.write_all(&bytes[..cut])?;
            std::thread::sleep(Duration::from_micros(200));
            file.write_all(&bytes[cut..])?;
        } else {
            file.write_all(bytes)?;
        }
        next = end;
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "wrote {} lines to {} in {secs:.1} s ({:.0} lines/s)",
        thousands(lines.len() as u64),
        a.out.display(),
        lines.len() as f64 / secs.max(1e-9)
    );
    Ok(())
}

/// What `feed follow` reports.
#[derive(Debug, serde::Serialize, PartialEq)]
pub struct Report {
    pub rows: u64,
    pub malformed: u64,
    pub rows_per_s: f64,
    pub latency_ms: Latency,
    /// Times the file was started again (truncated, replaced or rotated).
    pub restarts: u64,
    /// The first malformed lines: (line, reason).
    pub skipped: Vec<(u64, String)>,
}

/// Write-to-visible latency percentiles, milliseconds.
#[derive(Debug, serde::Serialize, PartialEq)]
pub struct Latency {
    pub p50: f64,
    pub p95: f64,
    pub p99: f64,
}

/// The stamp of a line, if it has one.
fn stamp_of(line: &str, csv: bool) -> Option<u64> {
    if csv {
        return line.rsplit(',').next()?.trim().parse().ok();
    }
    let at = line.find(STAMP)? + STAMP.len() + 2;
    let digits: String = line[at..]
        .chars()
        .skip_while(|c| c.is_whitespace())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Follows `file` until no line has arrived for `idle`, through the same loop as the app
/// ([`LiveFeed`]): each batch becomes canonical rows, and a line counts once it is in them.
pub fn follow(file: &Path, idle: Duration) -> Result<Report> {
    let mut feed = LiveFeed::new(file);
    let wake = Wake::new(file);
    let mut latencies: Vec<f64> = Vec::new();
    let (mut rows, mut malformed, mut restarts) = (0u64, 0u64, 0u64);
    let mut skipped: Vec<(u64, String)> = Vec::new();
    let mut first: Option<Instant> = None;
    let mut last = Instant::now();
    loop {
        let events = feed
            .poll()
            .with_context(|| format!("{}: cannot read it", file.display()))?;
        let mut got = false;
        for e in events {
            match e {
                Event::Restarted { path, restart } => {
                    restarts += 1;
                    eprintln!("{}: {}", path.display(), restart.describe());
                }
                Event::Skipped(s) => {
                    malformed += s.len() as u64;
                    for s in s {
                        if skipped.len() < 20 {
                            skipped.push((s.line, s.reason));
                        }
                    }
                }
                Event::Rows {
                    frame, lines, csv, ..
                } => {
                    let seen = now_us();
                    rows += frame.height() as u64;
                    latencies.extend(
                        lines
                            .iter()
                            .filter_map(|l| stamp_of(l, csv))
                            .map(|us| seen.saturating_sub(us) as f64 / 1000.0),
                    );
                    first.get_or_insert_with(Instant::now);
                    last = Instant::now();
                    got = true;
                }
            }
        }
        if got {
            continue;
        }
        if feed.appeared() && last.elapsed() >= idle {
            break;
        }
        if !feed.appeared() {
            last = Instant::now();
        }
        // Change events wake the loop at once; the timeout is the fallback poll.
        wake.wait(Duration::from_millis(50));
    }
    latencies.sort_by(f64::total_cmp);
    let pct = |p: f64| {
        if latencies.is_empty() {
            0.0
        } else {
            latencies[((latencies.len() - 1) as f64 * p).round() as usize]
        }
    };
    let span = match first {
        Some(t) => last.duration_since(t).as_secs_f64(),
        None => 0.0,
    };
    Ok(Report {
        rows,
        malformed,
        rows_per_s: if span > 0.0 {
            rows as f64 / span
        } else {
            rows as f64
        },
        latency_ms: Latency {
            p50: pct(0.5),
            p95: pct(0.95),
            p99: pct(0.99),
        },
        restarts,
        skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_go_in_and_come_out() {
        let l = stamped(r#"{"a":1}"#, Format::Ndjson, 42);
        assert_eq!(l, r#"{"_written_us":42,"a":1}"#);
        assert_eq!(stamp_of(&l, false), Some(42));
        assert_eq!(stamp_of(&stamped("1,2", Format::Csv, 7), true), Some(7));
        assert_eq!(stamped("{}", Format::Ndjson, 5), r#"{"_written_us":5}"#);
    }
}
