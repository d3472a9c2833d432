//! A user's mapping and frame fixes on top of a vendor's, and the columns SPEC 2 derives.

use super::*;

pub(super) fn apply_user_mapping(
    info: &SourceInfo<'_>,
    a: &mut Adapted,
    u: &ColumnMapping,
) -> Result<()> {
    let names = info.names();
    for (canonical, src) in &u.columns {
        let Some(spec) = a.kind.column(canonical) else {
            let known: Vec<&str> = a.kind.columns().iter().map(|c| c.name).collect();
            return Err(DataError::Invalid {
                path: info.path.into(),
                detail: format!(
                    "the saved mapping names `{canonical}`, which is not a column of a {} table \
                     (those are: {}). Fix it with `courtside map`.",
                    a.kind,
                    known.join(", ")
                ),
            });
        };
        let Some(dtype) = info.dtype(src) else {
            return Err(DataError::Invalid {
                path: info.path.into(),
                detail: format!(
                    "the saved mapping reads `{canonical}` from `{src}`, but the file has no such \
                     column.{} Columns found: {}. Fix it with `courtside map`.",
                    error::suggest(src, &names),
                    error::list_columns(&names)
                ),
            });
        };
        let mut column =
            adapters::convert::column(spec.name, src, dtype, spec.ty, u.date_format.as_deref());
        column.source = format!("{} [your mapping]", column.source);
        a.set(column);
    }
    Ok(())
}

/// Puts the shot frame right: x and y with the user's fixes.
pub(super) fn fix_frame(a: &mut Adapted, fixes: &[CoordFix]) {
    let find = |name: &str| a.columns.iter().find(|c| c.canonical == name).cloned();
    let (Some(x), Some(y)) = (find("x_ft"), find("y_ft")) else {
        return;
    };
    let season = find("season");
    let (fx, fy) = frame::apply_fixes(
        x.expr.clone(),
        y.expr.clone(),
        season.as_ref().map(|s| s.expr.clone()),
        fixes,
    );
    let how = fixes
        .iter()
        .map(CoordFix::describe)
        .collect::<Vec<_>>()
        .join("; ");
    for (mut c, e) in [(x, fx), (y, fy)] {
        c.expr = e;
        c.source = format!("{} [fixed: {how}]", c.source);
        if let Some(s) = &season {
            c.inputs.extend(s.inputs.iter().cloned());
        }
        a.set(c);
    }
}

/// Columns SPEC 2 derives when the source lacks them.
pub(super) fn derive(a: &mut Adapted) {
    let expr_of = |a: &Adapted, name: &str| {
        a.columns
            .iter()
            .find(|c| c.canonical == name)
            .map(|c| c.expr.clone())
    };
    if a.kind == TableKind::Shots
        && !a.has("shot_value")
        && let (Some(x), Some(y)) = (expr_of(a, "x_ft"), expr_of(a, "y_ft"))
    {
        a.set(MappedColumn {
            canonical: "shot_value",
            source: "derived from x_ft, y_ft (court geometry)".into(),
            expr: court::shot_value_expr(x.cast(DataType::Float64), y.cast(DataType::Float64)),
            check: None,
            inputs: Vec::new(),
        });
    }
    if a.kind == TableKind::Load
        && !a.has("srpe")
        && let (Some(rpe), Some(dur)) = (expr_of(a, "rpe"), expr_of(a, "duration_min"))
    {
        a.set(MappedColumn {
            canonical: "srpe",
            source: "derived: rpe × duration_min".into(),
            expr: rpe * dur,
            check: None,
            inputs: Vec::new(),
        });
    }
}
