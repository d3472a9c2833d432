//! The canonical tables of SPEC 2: column names, types, and which are required.

use std::fmt;

use polars::prelude::*;
use serde::{Deserialize, Serialize};

/// The three kinds of canonical table.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum TableKind {
    /// One row per field-goal attempt.
    Shots,
    /// One row per player per session.
    Load,
    /// One row per object per frame.
    Tracking,
}

impl TableKind {
    /// Every kind, in a fixed order.
    pub const ALL: [TableKind; 3] = [TableKind::Shots, TableKind::Load, TableKind::Tracking];

    /// The canonical columns of this kind, in the order tables are written.
    pub fn columns(self) -> &'static [ColumnSpec] {
        match self {
            TableKind::Shots => SHOTS,
            TableKind::Load => LOAD,
            TableKind::Tracking => TRACKING,
        }
    }

    /// The spec of one canonical column.
    pub fn column(self, name: &str) -> Option<&'static ColumnSpec> {
        self.columns().iter().find(|c| c.name == name)
    }

    /// Groups of columns of which at least one must be present (beyond the required ones).
    pub fn one_of(self) -> &'static [&'static [&'static str]] {
        match self {
            TableKind::Shots => &[],
            // SPEC 2.2: at least one load measure.
            TableKind::Load => &[&["rpe", "player_load", "distance_m", "hsr_m"]],
            // SPEC 2.3: the object's id or its name.
            TableKind::Tracking => &[&["player_id", "player"]],
        }
    }

    /// Lower-case name, as used on the command line and in files.
    pub fn name(self) -> &'static str {
        match self {
            TableKind::Shots => "shots",
            TableKind::Load => "load",
            TableKind::Tracking => "tracking",
        }
    }
}

impl fmt::Display for TableKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The type of a canonical column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColType {
    Str,
    Date,
    Bool,
    I8,
    I64,
    F32,
    F64,
}

impl ColType {
    /// The Polars type the column has in a canonical table.
    pub fn dtype(self) -> DataType {
        match self {
            ColType::Str => DataType::String,
            ColType::Date => DataType::Date,
            ColType::Bool => DataType::Boolean,
            ColType::I8 => DataType::Int8,
            ColType::I64 => DataType::Int64,
            ColType::F32 => DataType::Float32,
            ColType::F64 => DataType::Float64,
        }
    }

    /// How a message names the type for a user.
    pub fn describe(self) -> &'static str {
        match self {
            ColType::Str => "text",
            ColType::Date => "a date",
            ColType::Bool => "true/false",
            ColType::I8 | ColType::I64 => "whole numbers",
            ColType::F32 | ColType::F64 => "numbers",
        }
    }

    /// Whether the type is a number.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            ColType::I8 | ColType::I64 | ColType::F32 | ColType::F64
        )
    }
}

/// One canonical column.
#[derive(Clone, Copy, Debug)]
pub struct ColumnSpec {
    pub name: &'static str,
    pub ty: ColType,
    pub required: bool,
}

const fn req(name: &'static str, ty: ColType) -> ColumnSpec {
    ColumnSpec {
        name,
        ty,
        required: true,
    }
}

const fn opt(name: &'static str, ty: ColType) -> ColumnSpec {
    ColumnSpec {
        name,
        ty,
        required: false,
    }
}

use ColType::*;

const SHOTS: &[ColumnSpec] = &[
    req("game_id", Str),
    req("game_date", Date),
    opt("season", Str),
    req("team", Str),
    opt("opponent", Str),
    opt("player_id", Str),
    req("player", Str),
    opt("period", I8),
    opt("clock_s", F32),
    req("x_ft", F32),
    req("y_ft", F32),
    req("made", Bool),
    opt("shot_value", I8),
    opt("action", Str),
    // The source's own zone labels (SPEC 3.3 names), kept where a vendor gives them: they are
    // the league's figures; coordinates give the same zones on 99.9 % of shots.
    opt("zone_basic", Str),
    opt("zone_range", Str),
    opt("zone_area", Str),
];

const LOAD: &[ColumnSpec] = &[
    req("player", Str),
    req("date", Date),
    opt("session", Str),
    opt("duration_min", F64),
    opt("rpe", F64),
    opt("srpe", F64),
    opt("player_load", F64),
    opt("distance_m", F64),
    opt("hsr_m", F64),
    opt("max_speed", F64),
    opt("hr_avg", F64),
    opt("hr_max", F64),
    opt("hr_zone_1_min", F64),
    opt("hr_zone_2_min", F64),
    opt("hr_zone_3_min", F64),
    opt("hr_zone_4_min", F64),
    opt("hr_zone_5_min", F64),
];

const TRACKING: &[ColumnSpec] = &[
    req("game_id", Str),
    req("period", I8),
    req("t_ms", I64),
    opt("game_clock_s", F32),
    opt("team", Str),
    opt("player_id", Str),
    opt("player", Str),
    req("x_ft", F32),
    req("y_ft", F32),
    opt("z_ft", F32),
];

/// The schema of a canonical table holding `names` (in canonical order).
pub fn schema_of(kind: TableKind, names: &[&str]) -> Schema {
    kind.columns()
        .iter()
        .filter(|c| names.contains(&c.name))
        .map(|c| Field::new(c.name.into(), c.ty.dtype()))
        .collect()
}
