//! Kinexon CSV exports (SPEC 7): `ts in ms, sensor id, mapped id, full name, number, group id,
//! group name, x in m, y in m`, one row per sensor per sample. Positions are in metres; they
//! become feet in the full-court frame (SPEC 3.2).

use polars::prelude::*;

use crate::court::{COURT_X, COURT_Y, M_PER_FT};
use crate::data::adapters::convert::{self, number};
use crate::data::adapters::{Adapted, MappedColumn, SourceInfo, Vendor, missing};
use crate::data::error::Result;
use crate::data::schema::{ColType, TableKind};

/// Canonical column → Kinexon column, for messages about a missing column.
pub const SOURCES: &[(&str, &str)] = &[
    ("t_ms", "ts in ms"),
    ("x_ft", "x in m"),
    ("y_ft", "y in m"),
    ("player_id", "mapped id"),
];

/// Whether the columns are a Kinexon export's.
pub fn matches(info: &SourceInfo<'_>) -> bool {
    info.has("ts in ms") && (info.has("x in m") || info.has("y in m"))
}

/// Metres to feet in the full-court frame. Kinexon puts the origin at the centre of the
/// court; a file whose positions go below zero is moved to the corner origin of SPEC 3.2.
fn position(name: &str, info: &SourceInfo<'_>, half_ft: f64) -> Expr {
    let ft = number(name, info.dtype(name)) / lit(M_PER_FT);
    let centred = ft.clone().min().lt(lit(-1.0)).fill_null(lit(false));
    ft.clone() + when(centred).then(lit(half_ft)).otherwise(lit(0.0))
}

/// Maps a Kinexon export.
pub fn adapt(info: &SourceInfo<'_>) -> Result<Adapted> {
    let names = info.names();
    for (canonical, src) in SOURCES.iter().take(3) {
        if !info.has(src) {
            return Err(missing(
                info.path,
                TableKind::Tracking,
                canonical,
                &names,
                Vendor::Kinexon,
            ));
        }
    }
    let mut a = Adapted {
        kind: TableKind::Tracking,
        vendor: Vendor::Kinexon,
        columns: Vec::new(),
        notes: vec![
            "positions in metres, converted to feet; a centre origin is moved to the corner".into(),
        ],
    };
    let game = info
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| "kinexon".into());
    a.set(MappedColumn {
        canonical: "game_id",
        source: "file name".into(),
        expr: lit(game),
        check: None,
        inputs: Vec::new(),
    });
    if info.has("period") || info.has("Period") {
        let p = if info.has("period") {
            "period"
        } else {
            "Period"
        };
        a.set(convert::column(
            "period",
            p,
            info.dtype(p).unwrap_or(&DataType::String),
            ColType::I8,
            None,
        ));
    } else {
        a.notes.push(
            "no period column: every row is read as period 1 (steps over 200 ms still count as \
             gaps)"
                .into(),
        );
        a.set(MappedColumn {
            canonical: "period",
            source: "none in the file: 1".into(),
            expr: lit(1i32),
            check: None,
            inputs: Vec::new(),
        });
    }
    a.set(convert::column(
        "t_ms",
        "ts in ms",
        info.dtype("ts in ms").unwrap_or(&DataType::Int64),
        ColType::I64,
        None,
    ));
    let id = if info.has("mapped id") {
        "mapped id"
    } else {
        "sensor id"
    };
    if info.has(id) {
        a.set(convert::column(
            "player_id",
            id,
            info.dtype(id).unwrap_or(&DataType::String),
            ColType::Str,
            None,
        ));
    }
    for (canonical, src) in [("player", "full name"), ("team", "group name")] {
        if info.has(src) {
            a.set(convert::column(
                canonical,
                src,
                info.dtype(src).unwrap_or(&DataType::String),
                ColType::Str,
                None,
            ));
        }
    }
    for (canonical, src, half) in [
        ("x_ft", "x in m", COURT_X / 2.0),
        ("y_ft", "y in m", COURT_Y / 2.0),
    ] {
        a.set(MappedColumn {
            canonical,
            source: format!("{src} (m → ft)"),
            expr: position(src, info, half),
            check: None,
            inputs: vec![src.to_string()],
        });
    }
    Ok(a)
}
