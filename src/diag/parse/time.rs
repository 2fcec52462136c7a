//! Time without a time crate: RFC 3339 and HTTP dates to Unix seconds and back.
//!
//! The engine never reads a clock. The caller passes "now" in (the page from
//! `js_sys::Date`, the binary from `SystemTime`), and a case may override it.

/// Days from 1970-01-01 to the given civil date (proleptic Gregorian).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// Civil date (year, month, day) for days since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn num(s: &str) -> Option<i64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn valid(y: i64, mo: i64, d: i64, h: i64, mi: i64, s: i64) -> bool {
    (1..=12).contains(&mo) && (1..=31).contains(&d) && h < 24 && mi < 60 && s <= 60 && y >= 0
}

/// Parses an RFC 3339 timestamp (`2026-11-23T09:00:00Z`, `…+01:00`, fractional seconds
/// ignored, a space instead of `T` accepted) to Unix seconds.
pub fn parse_rfc3339(text: &str) -> Option<i64> {
    let t = text.trim();
    if t.len() < 19 || !t.is_ascii() {
        return None;
    }
    let (date, rest) = t.split_at(10);
    let sep = rest.as_bytes()[0];
    if !matches!(sep, b'T' | b't' | b' ') {
        return None;
    }
    let time = &rest[1..];
    let mut dp = date.split('-');
    let (y, mo, d) = (num(dp.next()?)?, num(dp.next()?)?, num(dp.next()?)?);
    if time.len() < 8 {
        return None;
    }
    let (hms, mut zone) = time.split_at(8);
    let mut tp = hms.split(':');
    let (h, mi, s) = (num(tp.next()?)?, num(tp.next()?)?, num(tp.next()?)?);
    if !valid(y, mo, d, h, mi, s) {
        return None;
    }
    if let Some(frac) = zone.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        zone = &frac[digits..];
    }
    let offset = match zone {
        "Z" | "z" => 0,
        z if z.len() == 6 && (z.starts_with('+') || z.starts_with('-')) && &z[3..4] == ":" => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            sign * (num(&z[1..3])? * 3600 + num(&z[4..6])? * 60)
        }
        _ => return None,
    };
    let days = days_from_civil(y, mo as u32, d as u32);
    Some(days * 86400 + h * 3600 + mi * 60 + s - offset)
}

/// Parses an HTTP date (`Mon, 23 Nov 2026 09:00:00 GMT`, RFC 9110 IMF-fixdate) to Unix
/// seconds. Used for the `date:` header in pasted `curl -i` output.
pub fn parse_http_date(text: &str) -> Option<i64> {
    let t = text.trim();
    let t = t.split_once(", ").map_or(t, |(_, rest)| rest);
    let mut parts = t.split_ascii_whitespace();
    let d = num(parts.next()?)?;
    let mon = parts.next()?;
    let y = num(parts.next()?)?;
    let hms = parts.next()?;
    let zone = parts.next()?;
    if zone != "GMT" && zone != "UTC" {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mo = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(mon))? as i64 + 1;
    let mut tp = hms.split(':');
    let (h, mi, s) = (num(tp.next()?)?, num(tp.next()?)?, num(tp.next()?)?);
    if !valid(y, mo, d, h, mi, s) {
        return None;
    }
    Some(days_from_civil(y, mo as u32, d as u32) * 86400 + h * 3600 + mi * 60 + s)
}

/// Formats Unix seconds as `2026-11-23T09:00:00Z`.
pub fn format_rfc3339(unix: i64) -> String {
    let days = unix.div_euclid(86400);
    let secs = unix.rem_euclid(86400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// A duration for people: `12 min`, `2 h 5 min`, `3 days`.
pub fn human_duration(secs: i64) -> String {
    let s = secs.unsigned_abs();
    if s < 90 {
        format!("{s} s")
    } else if s < 3600 {
        format!("{} min", (s + 30) / 60)
    } else if s < 48 * 3600 {
        let h = s / 3600;
        let m = (s % 3600) / 60;
        if m == 0 {
            format!("{h} h")
        } else {
            format!("{h} h {m} min")
        }
    } else {
        format!("{} days", s / 86400)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trips() {
        let t = parse_rfc3339("2026-11-23T09:00:00Z").unwrap();
        assert_eq!(t, 1_795_424_400);
        assert_eq!(format_rfc3339(t), "2026-11-23T09:00:00Z");
        assert_eq!(parse_rfc3339("2026-11-23T10:00:00+01:00"), Some(t));
        assert_eq!(parse_rfc3339("2026-11-23 09:00:00.123Z"), Some(t));
    }

    #[test]
    fn rfc3339_rejects_nonsense() {
        for bad in [
            "",
            "yesterday",
            "2026-13-01T00:00:00Z",
            "2026-11-23T09:00:00",
            "2026-11-23T09:00:00+0100",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn http_date() {
        assert_eq!(
            parse_http_date("Mon, 23 Nov 2026 09:00:00 GMT"),
            Some(1_795_424_400)
        );
        assert_eq!(parse_http_date("23 Nov 2026 09:00:00 PST"), None);
    }

    #[test]
    fn durations() {
        assert_eq!(human_duration(30), "30 s");
        assert_eq!(human_duration(-720), "12 min");
        assert_eq!(human_duration(7500), "2 h 5 min");
        assert_eq!(human_duration(3 * 86400), "3 days");
    }
}
