//! The last touches of a page: the minifier (with the parts tsunagi made compact itself kept
//! as they are) and the QR code printed pages carry.

/// Marks HTML that tsunagi rendered itself (a page's body and title, with their ruby), compact
/// already: [`finish_html`] does not pass it through the minifier, which spent most of a
/// furigana build's time on ruby markup it could not shorten (3.4 µs a `<ruby>`, 4 % of the
/// bytes saved), and removes the marks.
pub(crate) const AS_IS_START: &str = "<!--tsunagi:as-is-->";
pub(crate) const AS_IS_END: &str = "<!--/tsunagi:as-is-->";

/// The bytes of a finished HTML page: minified when `minify` is set (`[output] minify`, on by
/// default), keeping it valid (closing tags, `<html>`/`<head>` and the doctype stay), except the
/// parts marked `AS_IS_START`…`AS_IS_END`, which are compact already. A NUL from any source
/// (a TOML `\u0000` escape) becomes U+FFFD, as HTML parsers would read it.
pub fn finish_html(html: &str, minify: bool) -> Vec<u8> {
    let cleaned;
    let html = if html.contains('\0') {
        cleaned = html.replace('\0', "\u{FFFD}");
        cleaned.as_str()
    } else {
        html
    };
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_css: true,
        minify_js: false,
        ..minify_html::Cfg::new()
    };
    // The marked parts are set aside, each replaced by a hole (a number between two
    // private-use characters, which the minifier keeps as text), and put back afterwards.
    let mut kept: Vec<&str> = Vec::new();
    let mut with_holes = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(AS_IS_START) {
        let inside = &rest[start + AS_IS_START.len()..];
        let Some(end) = inside.find(AS_IS_END) else {
            break;
        };
        with_holes.push_str(&rest[..start]);
        with_holes.push_str(&format!("{HOLE_START}{}{HOLE_END}", kept.len()));
        kept.push(&inside[..end]);
        rest = &inside[end + AS_IS_END.len()..];
    }
    with_holes.push_str(rest);
    let filled = |text: &str| -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(text.len() + kept.iter().map(|k| k.len()).sum::<usize>());
        let mut pieces = text.split(HOLE_START);
        out.extend_from_slice(pieces.next()?.as_bytes());
        for (i, piece) in pieces.enumerate() {
            let (number, after) = piece.split_once(HOLE_END)?;
            if number.parse::<usize>().ok()? != i {
                return None;
            }
            out.extend_from_slice(kept.get(i)?.as_bytes());
            out.extend_from_slice(after.as_bytes());
        }
        (text.matches(HOLE_START).count() == kept.len()).then_some(out)
    };
    if !minify {
        return filled(&with_holes).unwrap_or_else(|| html.as_bytes().to_vec());
    }
    let minified = minify_html::minify(with_holes.as_bytes(), &cfg);
    // A page whose own text held such characters is minified whole, as before.
    String::from_utf8(minified)
        .ok()
        .and_then(|m| filled(&m))
        .unwrap_or_else(|| {
            let plain = html.replace(AS_IS_START, "").replace(AS_IS_END, "");
            minify_html::minify(plain.as_bytes(), &cfg)
        })
}

/// The ends of a hole in a page being minified (see [`finish_html`]).
const HOLE_START: char = '\u{F8F0}';
const HOLE_END: char = '\u{F8F1}';

/// A QR code of `url` as a small inline `<svg>` named `label` (one stroked path, a run of dark
/// modules per command, a four-module quiet zone), for paper to lead back to the site; empty if
/// the URL is too long for a QR code. `tests/print.rs` reads every code of the example back.
pub(super) fn qr_svg(url: &str, label: &str) -> String {
    // fast_qr: the same standard code (level M, the mask with the lowest penalty) at a sixth of
    // the time of the qrcode crate, whose mask scoring was a third of a build's processor time.
    let Ok(code) = fast_qr::QRBuilder::new(url).ecl(fast_qr::ECL::M).build() else {
        return String::new();
    };
    let width = code.size;
    let dark = |x: usize, y: usize| code[y][x].value();
    // Each row is one subpath of horizontal strokes: `M x y.5 h len`, then `m gap 0 h len`.
    let mut path = String::new();
    for y in 0..width {
        let mut x = 0;
        let mut pen: Option<usize> = None;
        while x < width {
            if !dark(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && dark(x, y) {
                x += 1;
            }
            match pen {
                None => path.push_str(&format!("M{} {}.5", start + 4, y + 4)),
                Some(end) => path.push_str(&format!("m{} 0", start - end)),
            }
            path.push_str(&format!("h{}", x - start));
            pen = Some(x);
        }
    }
    let n = width + 8;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {n} {n}\" role=\"img\" aria-label=\"{label}\"><path fill=\"#fff\" d=\"M0 0h{n}v{n}H0z\"/><path stroke=\"#000\" d=\"{path}\"/></svg>",
        label = crate::markdown::inline_syntax::escape(label)
    )
}
