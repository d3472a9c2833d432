//! The bundled sample data: a deterministic synthetic team season (shots, player load, one
//! game of tracking), written as canonical Parquet and embedded in the binary.
//!
//! Everything is drawn from a seeded ChaCha RNG (portable and stable across versions), so the
//! same seed and scale give byte-identical files.

pub mod load;
pub mod roster;
pub mod shots;
pub mod tracking;

use std::path::Path;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use polars::prelude::*;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// Tracked games stop growing with `--scale` here: each is ~800,000 rows.
pub const MAX_TRACKED_GAMES: usize = 10;

/// The seed of the committed sample data.
pub const DEFAULT_SEED: u64 = 2024;

/// File names of the three tables in a sample folder.
pub const SHOTS_FILE: &str = "shots.parquet";
pub const LOAD_FILE: &str = "load.parquet";
pub const TRACKING_FILE: &str = "tracking.parquet";

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct SampleOptions {
    /// Seasons of shots and load, and games of tracking.
    pub scale: u32,
    pub seed: u64,
}

impl Default for SampleOptions {
    fn default() -> Self {
        Self {
            scale: 1,
            seed: DEFAULT_SEED,
        }
    }
}

/// The three generated tables, in canonical columns.
pub struct SampleSet {
    pub shots: DataFrame,
    pub load: DataFrame,
    pub tracking: DataFrame,
}

/// One RNG per table, so that changing one table's generator leaves the others' bytes as
/// they were.
fn rng(seed: u64, table: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed ^ table.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// The first season's schedule start year; scale `n` adds the `n − 1` seasons before it.
pub const LAST_SEASON_START: i32 = 2023;

/// Generates every table.
pub fn generate(opts: SampleOptions) -> Result<SampleSet> {
    let scale = opts.scale.max(1);
    let seasons: Vec<i32> = (0..scale as i32)
        .map(|i| LAST_SEASON_START - (scale as i32 - 1) + i)
        .collect();
    let schedules: Vec<roster::Schedule> = seasons
        .iter()
        .map(|&y| roster::schedule(y, &mut rng(opts.seed, 1000 + y as u64)))
        .collect();
    let shots = shots::generate(&schedules, &mut rng(opts.seed, 1))?;
    let load = load::generate(&schedules, &mut rng(opts.seed, 2))?;
    let games: Vec<&roster::Game> = schedules
        .iter()
        .rev()
        .flat_map(|s| s.games.first())
        .take((scale as usize).min(MAX_TRACKED_GAMES))
        .collect();
    let tracking = tracking::generate(&games, &mut rng(opts.seed, 3))?;
    Ok(SampleSet {
        shots,
        load,
        tracking,
    })
}

/// Generates every table and writes them as zstd Parquet files in `dir`.
pub fn write(dir: &Path, opts: SampleOptions) -> Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: cannot create the folder", dir.display()))?;
    let mut set = generate(opts)?;
    let units = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(c, u)| (c.to_string(), u.to_string()))
            .collect()
    };
    for (name, df, units) in [
        (SHOTS_FILE, &mut set.shots, units(&[])),
        (LOAD_FILE, &mut set.load, units(&[("max_speed", "m/s")])),
        (TRACKING_FILE, &mut set.tracking, units(&[])),
    ] {
        let path = dir.join(name);
        crate::export::write_parquet(&path, df, &units)
            .with_context(|| format!("{}: cannot write it", path.display()))?;
    }
    Ok(())
}

/// Writes `n` generated games of tracking (about 800,000 rows each) to `path` as canonical
/// Parquet sorted by game, generating and writing one game at a time so that memory stays at
/// one game's worth whatever `n`: for measuring tracking at scale. Returns the rows written.
pub fn write_tracking_games(path: &Path, n: usize, seed: u64) -> Result<u64> {
    let mut games = Vec::new();
    let mut year = LAST_SEASON_START;
    while games.len() < n {
        games.extend(roster::schedule(year, &mut rng(seed, 1000 + year as u64)).games);
        year -= 1;
    }
    games.truncate(n);
    let mut rng = rng(seed, 3);
    let mut rows = 0u64;
    crate::export::write_atomic(path, |w| {
        let mut writer = None;
        for game in &games {
            let df = tracking::generate(&[game], &mut rng).map_err(std::io::Error::other)?;
            if writer.is_none() {
                writer = Some(
                    ParquetWriter::new(&mut *w)
                        .with_compression(ParquetCompression::Zstd(None))
                        .batched(df.schema())
                        .map_err(std::io::Error::other)?,
                );
            }
            if let Some(out) = writer.as_mut() {
                out.write_batch(&df).map_err(std::io::Error::other)?;
            }
            rows += df.height() as u64;
        }
        if let Some(out) = writer {
            out.finish().map_err(std::io::Error::other)?;
        }
        Ok(())
    })
    .with_context(|| format!("{}: cannot write it", path.display()))?;
    Ok(rows)
}

/// Days since 1970-01-01, as Polars stores dates.
pub fn epoch_days(d: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    (d - epoch).num_days() as i32
}

/// A date column from dates.
pub fn date_column(name: &str, dates: &[NaiveDate]) -> PolarsResult<Column> {
    let days: Vec<i32> = dates.iter().map(|d| epoch_days(*d)).collect();
    Column::new(name.into(), days).cast(&DataType::Date)
}

/// The default sample, as embedded in the binary.
pub mod embedded {
    /// The committed `sample-data/shots.parquet`.
    pub static SHOTS: &[u8] = include_bytes!("../../sample-data/shots.parquet");
    /// The committed `sample-data/load.parquet`.
    pub static LOAD: &[u8] = include_bytes!("../../sample-data/load.parquet");
    /// The committed `sample-data/tracking.parquet`.
    pub static TRACKING: &[u8] = include_bytes!("../../sample-data/tracking.parquet");

    /// Each embedded table with its file name.
    pub fn tables() -> [(&'static str, &'static [u8]); 3] {
        [
            (super::SHOTS_FILE, SHOTS),
            (super::LOAD_FILE, LOAD),
            (super::TRACKING_FILE, TRACKING),
        ]
    }
}

/// Opens the embedded sample as canonical tables.
pub fn open_embedded() -> crate::data::Result<Vec<crate::data::Table>> {
    embedded::tables()
        .into_iter()
        .map(|(name, bytes)| crate::data::open_bytes(&format!("embedded sample: {name}"), bytes))
        .collect()
}
