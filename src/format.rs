//! Small formatting helpers every layer shares: grouped thousands, plurals. They sit at the
//! bottom of the tree, so charts and the app need nothing from the command line.

/// `1234567` → `1,234,567`.
pub fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A metre or count rounded to a whole number and grouped: `1234.6` → `1,235`.
pub fn grouped(v: f64) -> String {
    thousands(v.round().max(0.0) as u64)
}

/// `n` and the noun, plural unless `n` is 1: `plural(3, "shot")` → `3 shots`.
pub fn plural(n: u64, noun: &str) -> String {
    format!("{} {noun}{}", thousands(n), if n == 1 { "" } else { "s" })
}

/// A non-negative figure with one decimal and its thousands grouped: 192,939.2.
pub fn thousands_1dp(x: f64) -> String {
    let tenths = (x.max(0.0) * 10.0).round() as u64;
    format!("{}.{}", thousands(tenths / 10), tenths % 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_decimal_with_thousands() {
        assert_eq!(thousands_1dp(192_939.24), "192,939.2");
        assert_eq!(thousands_1dp(99.96), "100.0");
        assert_eq!(thousands_1dp(0.0), "0.0");
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(218_701), "218,701");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(grouped(1234.6), "1,235");
    }

    #[test]
    fn plurals_follow_the_count() {
        assert_eq!(plural(1, "shot"), "1 shot");
        assert_eq!(plural(0, "shot"), "0 shots");
        assert_eq!(plural(16_000, "player"), "16,000 players");
    }
}
