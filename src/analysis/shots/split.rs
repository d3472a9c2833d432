//! A selection split by one column (action, period …): attempts, makes and FG% per value.

use polars::prelude::*;

use super::filter::ShotFilter;

/// The shots `filter` selects, split by `column`: columns `<column>, fga, fgm, fg_pct`, the
/// most attempts first (ties by value), and how many selected shots have no value there.
pub fn split(
    shots: &LazyFrame,
    filter: &ShotFilter,
    column: &str,
) -> PolarsResult<(DataFrame, u64)> {
    let selected = filter.apply(shots.clone())?;
    let missing = selected
        .clone()
        .select([col(column)
            .is_null()
            .sum()
            .cast(DataType::UInt64)
            .alias("n")])
        .collect()?
        .column("n")?
        .u64()?
        .get(0)
        .unwrap_or(0);
    let df = selected
        .filter(col(column).is_not_null())
        .group_by([col(column)])
        .agg([
            len().cast(DataType::UInt64).alias("fga"),
            col("made").cast(DataType::UInt64).sum().alias("fgm"),
        ])
        .with_column(
            (col("fgm").cast(DataType::Float64) / col("fga").cast(DataType::Float64))
                .alias("fg_pct"),
        )
        .sort_by_exprs(
            [col("fga"), col(column)],
            SortMultipleOptions::default().with_order_descending_multi([true, false]),
        )
        .collect()?;
    Ok((df, missing))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_by_attempts_with_the_unlabelled_counted() {
        let shots = df!(
            "action" => [Some("Layup"), Some("Jump Shot"), Some("Jump Shot"), None, Some("Layup"), Some("Jump Shot")],
            "made" => [true, false, true, true, true, false],
        )
        .unwrap()
        .lazy();
        let (t, missing) = split(&shots, &ShotFilter::default(), "action").unwrap();
        assert_eq!(missing, 1);
        let action: Vec<&str> = t
            .column("action")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .flatten()
            .collect();
        assert_eq!(action, ["Jump Shot", "Layup"]);
        let fga: Vec<u64> = t
            .column("fga")
            .unwrap()
            .u64()
            .unwrap()
            .into_no_null_iter()
            .collect();
        let fgm: Vec<u64> = t
            .column("fgm")
            .unwrap()
            .u64()
            .unwrap()
            .into_no_null_iter()
            .collect();
        assert_eq!((fga, fgm), (vec![3, 2], vec![1, 2]));
    }
}
