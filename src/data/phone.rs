//! Japanese phone numbers as people write them, checked and turned into `tel:` URIs.

use crate::messages::Text;
use crate::t;

/// Checks the shape of a Japanese phone number and returns its digits (with a leading `#` for
/// short codes such as `#7119`), or a message saying what is wrong.
///
/// Accepted: fixed lines (10 digits starting with 0, not 00), mobile and IP (`070`/`080`/`090`/
/// `050`, 11 digits), free dial and navi dial (`0120` 10 digits, `0800` 11 digits, `0570`
/// 10 digits), three-digit emergency and service numbers (`110`, `119`, `189`…) and `#` codes.
pub fn normalize(number: &str) -> Result<String, Text> {
    let trimmed = number.trim();
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '(' | ')' | '‐' | '－' | '−'))
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '＃' => '#',
            c => c,
        })
        .collect();
    if let Some(rest) = cleaned.strip_prefix('#') {
        return if (4..=5).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_digit()) {
            Ok(cleaned)
        } else {
            Err(t!("part.phone-short-code", value = trimmed))
        };
    }
    if !cleaned.bytes().all(|b| b.is_ascii_digit()) {
        return Err(t!("part.phone-characters", value = trimmed));
    }
    let ok = match cleaned.len() {
        3 => cleaned.starts_with('1'),
        10 => cleaned.starts_with('0') && !cleaned.starts_with("00"),
        11 => ["070", "080", "090", "050", "0800"]
            .iter()
            .any(|p| cleaned.starts_with(p)),
        _ => false,
    };
    if ok {
        Ok(cleaned)
    } else {
        Err(t!("part.phone-shape", value = trimmed))
    }
}

/// The `tel:` URI of a number already checked by [`normalize`] (`#` is escaped as `%23`).
pub fn tel_uri(digits: &str) -> String {
    format!("tel:{}", digits.replace('#', "%23"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_real_shapes() {
        let cases = [
            ("0570-064-556", "0570064556"),
            ("0120-279-338", "0120279338"),
            ("0120-0-78310", "0120078310"),
            ("04-2998-9111", "0429989111"),
            ("090-1234-5678", "09012345678"),
            ("0800-123-4567", "08001234567"),
            ("189", "189"),
            ("#7119", "#7119"),
            ("０５７０－０６４－５５６", "0570064556"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input).as_deref(), Ok(want), "{input}");
        }
        assert_eq!(tel_uri("#7119"), "tel:%237119");
    }

    #[test]
    fn rejects_wrong_shapes() {
        for bad in [
            "",
            "12345",
            "0570-064-55",
            "00-1234-5678",
            "abc",
            "#71",
            "03-1234-56789",
        ] {
            assert!(normalize(bad).is_err(), "{bad}");
        }
    }
}
