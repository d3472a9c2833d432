//! Sources whose columns already carry the canonical names of SPEC 2 (any format).

use polars::prelude::DataType;

use crate::data::adapters::convert;
use crate::data::adapters::{Adapted, SourceInfo, Vendor};
use crate::data::error::Result;
use crate::data::schema::TableKind;

/// The source column holding canonical column `canonical` (same name, any case).
pub fn find<'a>(info: &'a SourceInfo<'_>, canonical: &str) -> Option<&'a str> {
    info.schema
        .iter_names()
        .find(|n| n.trim().eq_ignore_ascii_case(canonical))
        .map(|n| n.as_str())
}

/// The kind whose required columns the source has most of, if it has at least half of them.
pub fn detect_kind(info: &SourceInfo<'_>) -> Option<TableKind> {
    let score = |kind: TableKind| {
        let required: Vec<&str> = kind
            .columns()
            .iter()
            .filter(|c| c.required)
            .map(|c| c.name)
            .collect();
        let mut present = required.iter().filter(|c| find(info, c).is_some()).count();
        let mut total = required.len();
        for group in kind.one_of() {
            total += 1;
            if group.iter().any(|c| find(info, c).is_some()) {
                present += 1;
            }
        }
        present as f64 / total as f64
    };
    TableKind::ALL
        .into_iter()
        .map(|k| (k, score(k)))
        .filter(|(_, s)| *s >= 0.5)
        // Ties go to the first kind in ALL, so the order of ALL decides.
        .fold(None, |best: Option<(TableKind, f64)>, (k, s)| match best {
            Some((_, b)) if b >= s => best,
            _ => Some((k, s)),
        })
        .map(|(k, _)| k)
}

/// Maps every canonical column of `kind` that the source has by name.
pub fn adapt(info: &SourceInfo<'_>, kind: TableKind) -> Result<Adapted> {
    let mut a = Adapted {
        kind,
        vendor: Vendor::Canonical,
        columns: Vec::new(),
        notes: Vec::new(),
    };
    for spec in kind.columns() {
        if let Some(name) = find(info, spec.name) {
            let dtype = info.dtype(name).cloned().unwrap_or(DataType::Null);
            a.set(convert::column(spec.name, name, &dtype, spec.ty, None));
        }
    }
    a.sort();
    Ok(a)
}
